import { execFileSync } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { connectRedis } from "@/lib/platform/redis/connection.mjs";

const script = path.resolve(import.meta.dirname, "../../scripts/services/redis.sh");

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

/**
 * A throwaway Redis of the calling test file's own (scripts/services/redis.sh), on a free
 * port, as REDIS_URL for the file's tests; stopped, with the app's connections, after them.
 */
export function throwawayRedisForThisFile() {
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    env = { ...process.env, REDIS_PORT: String(await freePort()) };
    process.env.REDIS_URL = execFileSync(script, ["start"], { env, encoding: "utf8" }).trim();
    expect(await connectRedis()).toBe(true);
  });
  afterAll(() => {
    const state = (globalThis as Record<symbol, { client?: { destroy(): void } } | undefined>)[
      Symbol.for("cairo-chat.redis")
    ];
    state?.client?.destroy();
    (state as { subscriber?: { destroy(): void } } | undefined)?.subscriber?.destroy();
    execFileSync(script, ["stop"], { env });
    delete process.env.REDIS_URL;
  });
}
