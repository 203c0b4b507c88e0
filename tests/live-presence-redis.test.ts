import { describe, expect, it } from "vitest";
import { typingStarted } from "@/lib/live/events";
import { createRedisPresence } from "@/lib/live/presence-store";
import { createRedisBus } from "@/lib/live/redis-bus";
import type { LiveEvent } from "@/lib/live/types";
import { redis } from "@/lib/platform/redis/connection.mjs";
import { throwawayRedisForThisFile } from "./support/throwaway-redis";

throwawayRedisForThisFile();

async function until(condition: () => Promise<boolean> | boolean) {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe("typing and presence on several servers (two stores and buses sharing one Redis)", () => {
  it("a typing signal reaches its user's stream on the other server, without a stream entry", async () => {
    const [a, b] = [createRedisBus(), createRedisBus()];
    await Promise.all([a.ready(), b.ready()]);
    const heard: LiveEvent[] = [];
    const stop = b.subscribe(41, (event) => heard.push(event));
    await a.signal([41], typingStarted({ id: 40, name: "Amira" }));
    await until(() => heard.length === 1);
    expect(heard).toEqual([{ id: "", userId: 41, data: typingStarted({ id: 40, name: "Amira" }) }]);
    expect(await redis()?.exists("cairo:live:user:41")).toBe(0);
    stop();
  });

  it("a stream on one server and a ping on the other make one state; a Redis restart loses nothing", async () => {
    const [a, b] = [createRedisPresence(), createRedisPresence()];
    const stateOn = async (store: typeof a, id: number) => (await store.states([id])).get(id);
    expect(await stateOn(b, 50)).toBe("offline");
    a.streamOpened(50);
    await until(async () => (await stateOn(b, 50)) === "away");
    await b.ping(50, true, [51]);
    await until(async () => (await stateOn(a, 50)) === "active");
    expect(await a.watching([50])).toEqual(new Map([[50, [51]]]));

    // Redis comes back empty: each server writes back what it knows.
    await redis()?.flushAll();
    expect(await stateOn(a, 50)).toBe("offline");
    await Promise.all([a.refresh(), b.refresh()]);
    expect(await stateOn(a, 50)).toBe("active");
    expect(await b.watching([50])).toEqual(new Map([[50, [51]]]));

    a.streamClosed(50);
    await until(async () => (await stateOn(b, 50)) === "offline");
  });
});
