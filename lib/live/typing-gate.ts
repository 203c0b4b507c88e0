import { processSingleton } from "@/db/singleton";
import { redis, sharedMode, withTimeout } from "@/lib/platform/redis/connection.mjs";

import { TYPING_GATE_MS } from "./typing-timing";

/**
 * The server's side of the typing throttle: one signal per person per conversation per
 * TYPING_GATE_MS, whatever the client does. In memory on one server; on several, one
 * `SET NX PX` in Redis, so the limit holds across servers (this server's memory while Redis
 * does not answer).
 */
export interface TypingGate {
  /** True when `key` may send now (and counts it); false inside its window. */
  allow(key: string, now?: number): Promise<boolean>;
}

export function createMemoryGate(everyMs = TYPING_GATE_MS): TypingGate {
  const last = new Map<string, number>();
  return {
    async allow(key, now = Date.now()) {
      const previous = last.get(key);
      if (previous !== undefined && now - previous < everyMs) return false;
      last.set(key, now);
      if (last.size > 50_000) {
        for (const [k, at] of last) if (now - at >= everyMs) last.delete(k);
      }
      return true;
    },
  };
}

function createRedisGate(local: TypingGate, everyMs = TYPING_GATE_MS): TypingGate {
  return {
    async allow(key, now) {
      const client = redis();
      if (!client) return local.allow(key, now);
      try {
        const set = await withTimeout(
          client.set(`cairo:typing:${key}`, "1", { NX: true, PX: everyMs }),
        );
        return set === "OK";
      } catch {
        return local.allow(key, now);
      }
    },
  };
}

export function typingGate(): TypingGate {
  return processSingleton("typing-gate", () => {
    const local = createMemoryGate();
    return sharedMode() ? createRedisGate(local) : local;
  });
}
