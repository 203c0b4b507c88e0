import { onOutage, redis, redisSubscriber, withTimeout } from "@/lib/platform/redis/connection.mjs";
import type { EventBus, Replay } from "./bus";
import { createListeners } from "./listeners";
import type { LiveEvent, LiveEventData } from "./types";

const STREAM = "cairo:live:events";
const CHANNEL = "cairo:live:fanout";
/** Events kept for Last-Event-ID replay, shared by every server (a capped Redis Stream). */
export const SHARED_REPLAY_WINDOW = 10_000;

/**
 * The live bus of several servers. An event is appended to a capped Redis Stream, whose
 * entry id becomes the event id (the same on every server, so a browser's stream can move
 * to another server and resume from its Last-Event-ID), then published on a pub/sub channel
 * every server subscribes to and hands to its own local listeners.
 *
 * Without Redis the bus is unavailable: the stream route refuses new streams and open ones
 * close, so browsers fall back to polling until Redis answers again.
 */
export function createRedisBus(windowSize = SHARED_REPLAY_WINDOW): EventBus {
  const listeners = createListeners();
  const deliver = listeners.deliver;
  const subscribed = (
    redisSubscriber()?.subscribe(CHANNEL, (message) => deliver(JSON.parse(message) as LiveEvent)) ??
    Promise.resolve()
  ).catch((error: Error) => console.error("[live] could not subscribe:", error.message));

  return {
    async publish(userId: number, data: LiveEventData): Promise<LiveEvent> {
      const client = redis();
      // Degraded: streams are closed and browsers poll, so this server's listeners suffice.
      if (!client) {
        const local: LiveEvent = { id: `local-${Date.now()}`, userId, data };
        deliver(local);
        return local;
      }
      const id = await withTimeout(
        client.xAdd(
          STREAM,
          "*",
          { user: String(userId), data: JSON.stringify(data) },
          { TRIM: { strategy: "MAXLEN", strategyModifier: "~", threshold: windowSize } },
        ),
      );
      const event: LiveEvent = { id, userId, data };
      await withTimeout(client.publish(CHANNEL, JSON.stringify(event)));
      return event;
    },

    subscribe: (userId, listener) => listeners.add(userId, listener),

    async replay(userId, lastEventId): Promise<Replay> {
      const incomplete = { events: [], complete: false };
      const client = redis();
      if (!client || !/^\d+-\d+$/.test(lastEventId)) return incomplete;
      const [oldest] = (await withTimeout(client.xRange(STREAM, "-", "+", { COUNT: 1 }))) ?? [];
      const [newest] = (await withTimeout(client.xRevRange(STREAM, "+", "-", { COUNT: 1 }))) ?? [];
      // Trimmed past it, or an id this Redis never issued: the replay cannot be trusted.
      if (!oldest || !newest) return incomplete;
      if (compareIds(lastEventId, oldest.id) < 0 || compareIds(lastEventId, newest.id) > 0) {
        return incomplete;
      }
      const entries = (await withTimeout(client.xRange(STREAM, `(${lastEventId}`, "+"))) ?? [];
      const events = entries
        .filter((entry) => entry.message.user === String(userId))
        .map((entry) => ({
          id: entry.id,
          userId,
          data: JSON.parse(String(entry.message.data)) as LiveEventData,
        }));
      return { events, complete: true };
    },

    available: () => redis() !== undefined,
    async latestEventId() {
      const client = redis();
      if (!client) return null;
      try {
        const [newest] =
          (await withTimeout(client.xRevRange(STREAM, "+", "-", { COUNT: 1 }))) ?? [];
        return newest?.id ?? null;
      } catch {
        return null;
      }
    },
    ready: () => subscribed,
    onUnavailable: (callback) => onOutage(callback),
  };
}

/** Stream ids are `<ms>-<seq>`: compared as numbers, part by part. */
export function compareIds(a: string, b: string): number {
  const [aTime = 0, aSeq = 0] = a.split("-").map(Number);
  const [bTime = 0, bSeq = 0] = b.split("-").map(Number);
  return aTime - bTime || aSeq - bSeq;
}
