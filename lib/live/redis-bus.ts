import { onOutage, redis, redisSubscriber, withTimeout } from "@/lib/platform/redis/connection.mjs";
import type { EventBus, Replay } from "./bus";
import { isAfter, type RoomLogPosition } from "./cursor";
import { createListeners } from "./listeners";
import { createRoomAudience, roomEventsFor } from "./room-audience";
import type { LiveEvent, LiveEventData, RoomLogEntry } from "./types";

const CHANNEL = "cairo:live:fanout";
/** Every room's events, one entry each (never one per member), for Last-Event-ID replay. */
export const ROOM_LOG_KEY = "cairo:live:rooms";
export const ROOM_LOG_WINDOW = 10_000;
/** Events kept per user for Last-Event-ID replay, shared by every server (a capped Redis Stream). */
export const SHARED_REPLAY_WINDOW = 1_000;

/** Each user's events: a Redis Stream of their own, so its ids count their events only. */
export const userStreamKey = (userId: number) => `cairo:live:user:${userId}`;

/**
 * The live bus of several servers. An event is appended to its user's capped Redis Stream
 * with the id `0-*`, which Redis turns into `0-<n>`, n counting that user's events: the id
 * is the same on every server (a browser's stream can move to another server and resume
 * from its Last-Event-ID) and tells the user nothing of anyone else's traffic. The event is
 * then published on a pub/sub channel every server subscribes to and hands to its own local
 * listeners.
 *
 * Without Redis the bus is unavailable: the stream route refuses new streams and open ones
 * close, so browsers fall back to polling until Redis answers again.
 */
export function createRedisBus(
  windowSize = SHARED_REPLAY_WINDOW,
  roomWindow = ROOM_LOG_WINDOW,
): EventBus {
  const listeners = createListeners();
  const deliver = listeners.deliver;
  const audience = createRoomAudience();
  // One channel for user events, room events and room membership changes, so a server hears
  // a membership change before the room events published after it.
  const hear = (message: string) => {
    const parsed = JSON.parse(message) as LiveEvent | RoomMessage | SignalMessage;
    if ("signal" in parsed) {
      for (const userId of parsed.signal) deliver({ id: "", userId, data: parsed.data });
      return;
    }
    if (!("room" in parsed)) return deliver(parsed);
    if (parsed.entry) void audience.deliver(parsed.entry, listeners).catch(logRoom);
    else audience.forget(parsed.room);
  };
  const subscribed = (redisSubscriber()?.subscribe(CHANNEL, hear) ?? Promise.resolve()).catch(
    (error: Error) => console.error("[live] could not subscribe:", error.message),
  );
  const broadcast = async (message: RoomMessage | SignalMessage) => {
    const client = redis();
    if (!client) return hear(JSON.stringify(message));
    await withTimeout(client.publish(CHANNEL, JSON.stringify(message)));
  };

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
          userStreamKey(userId),
          "0-*",
          { data: JSON.stringify(data) },
          { TRIM: { strategy: "MAXLEN", strategyModifier: "~", threshold: windowSize } },
        ),
      );
      const event: LiveEvent = { id, userId, data };
      await withTimeout(client.publish(CHANNEL, JSON.stringify(event)));
      return event;
    },

    subscribe: (userId, listener) => listeners.add(userId, listener),
    async publishRoom(room, data) {
      const client = redis();
      if (!client) {
        const at = Date.now();
        const entry = { id: `room:local-${at}`, roomId: room, at, seq: 0, data };
        return broadcast({ room, entry });
      }
      // The log's entry ids are Redis's time: one clock for every server.
      const logId = await withTimeout(
        client.xAdd(
          ROOM_LOG_KEY,
          "*",
          { room: String(room), data: JSON.stringify(data) },
          { TRIM: { strategy: "MAXLEN", strategyModifier: "~", threshold: roomWindow } },
        ),
      );
      const [at, seq] = positionOf(logId);
      await broadcast({ room, entry: { id: `room:${logId}`, roomId: room, at, seq, data } });
    },
    forgetRoom: (room) => broadcast({ room }),
    // One message on the shared channel, no stream entry: a signal is never replayed.
    signal: async (userIds, data) => {
      if (userIds.length > 0) await broadcast({ signal: [...userIds], data });
    },
    localUsers: () => listeners.users(),
    deliverHere: (userId, data) => deliver({ id: "", userId, data }),

    async replayRooms(userId, rooms, since) {
      const incomplete = { events: [], complete: false };
      const client = redis();
      if (!client) return incomplete;
      const [oldest] =
        (await withTimeout(client.xRange(ROOM_LOG_KEY, "-", "+", { COUNT: 1 }))) ?? [];
      // Trimmed (a trimmed log keeps at least its window) past the point asked for: unknown.
      if (oldest && isAfter(...positionOf(oldest.id), since)) {
        const length = await withTimeout(client.xLen(ROOM_LOG_KEY));
        if (length >= roomWindow) return incomplete;
      }
      const found =
        (await withTimeout(
          client.xRange(ROOM_LOG_KEY, startOf(since), "+", { COUNT: roomWindow }),
        )) ?? [];
      const entries = found.map((entry) => {
        const [at, seq] = positionOf(entry.id);
        const data = JSON.parse(String(entry.message.data)) as LiveEventData;
        return { id: `room:${entry.id}`, roomId: Number(entry.message.room), at, seq, data };
      });
      return { events: roomEventsFor(userId, entries, rooms), complete: true };
    },

    async roomClock() {
      const client = redis();
      if (!client) return null;
      try {
        const [seconds, micros] = (await withTimeout(client.sendCommand(["TIME"]))) as string[];
        return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
      } catch {
        return null;
      }
    },

    async replay(userId, lastEventId): Promise<Replay> {
      const incomplete = { events: [], complete: false };
      const client = redis();
      const after = sequenceOf(lastEventId);
      if (!client || after === undefined) return incomplete;
      const key = userStreamKey(userId);
      const [oldest] = (await withTimeout(client.xRange(key, "-", "+", { COUNT: 1 }))) ?? [];
      const [newest] = (await withTimeout(client.xRevRange(key, "+", "-", { COUNT: 1 }))) ?? [];
      const newestSeq = newest ? (sequenceOf(newest.id) ?? 0) : 0;
      const oldestSeq = oldest ? (sequenceOf(oldest.id) ?? 0) : 1;
      // Trimmed past it, or an id this Redis never issued: the replay cannot be trusted.
      if (after > newestSeq || after < oldestSeq - 1) return incomplete;
      const entries = (await withTimeout(client.xRange(key, `(${lastEventId}`, "+"))) ?? [];
      const events = entries.map((entry) => ({
        id: entry.id,
        userId,
        data: JSON.parse(String(entry.message.data)) as LiveEventData,
      }));
      return { events, complete: true };
    },

    available: () => redis() !== undefined,
    async latestEventId(userId) {
      const client = redis();
      if (!client) return null;
      try {
        const [newest] =
          (await withTimeout(client.xRevRange(userStreamKey(userId), "+", "-", { COUNT: 1 }))) ??
          [];
        return newest?.id ?? "0-0";
      } catch {
        return null;
      }
    },
    ready: () => subscribed,
    onUnavailable: (callback) => onOutage(callback),
  };
}

/** A room event (with its log entry) or a room's membership change (without). */
interface RoomMessage {
  room: number;
  entry?: RoomLogEntry;
}

/** The milliseconds and number of a Redis Stream entry id `<ms>-<n>`. */
function positionOf(id: string): [number, number] {
  const [at = "0", seq = "0"] = id.split("-");
  return [Number(at), Number(seq)];
}

/** XRANGE's start for what comes after a position: exclusive after an entry, else from a time. */
function startOf({ at, seq }: RoomLogPosition): string {
  return seq === null ? `${at}-0` : `(${at}-${seq}`;
}

/** An ephemeral signal for these users' streams, wherever they are. */
interface SignalMessage {
  signal: number[];
  data: LiveEventData;
}

const logRoom = (error: Error) => console.error("[live] room delivery failed:", error.message);

/** The user's event number in an id `0-<n>`; undefined for anything else. */
function sequenceOf(id: string): number | undefined {
  const match = /^0-(\d{1,15})$/.exec(id);
  return match ? Number(match[1]) : undefined;
}
