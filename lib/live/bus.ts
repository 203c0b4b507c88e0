import { randomBytes } from "node:crypto";
import { processSingleton } from "@/db/singleton";
import { sharedMode } from "@/lib/platform/redis/connection.mjs";
import { isAfter, type RoomLogPosition } from "./cursor";
import { createListeners } from "./listeners";
import { createRedisBus } from "./redis-bus";
import { createRoomAudience, roomEventsFor } from "./room-audience";
import type { LiveEvent, LiveEventData, RoomLogEntry } from "./types";

/**
 * Fans live events out to the signed-in users they concern: in process on one server
 * (below), through Redis on several (./redis-bus.ts).
 */
export interface EventBus {
  publish(userId: number, data: LiveEventData): Promise<LiveEvent>;
  subscribe(userId: number, listener: (event: LiveEvent) => void): () => void;
  /**
   * A room's event, published once and heard by the room's members' open streams: one
   * entry in the log of room events (for replay) and one delivery, whatever the room's size.
   */
  publishRoom(roomId: number, data: LiveEventData): Promise<void>;
  /**
   * An ephemeral signal (typing) for these users' open streams, on whichever server they
   * are: one delivery (one message on the shared channel) for them all, never stored, never
   * replayed, no event id.
   */
  signal(userIds: readonly number[], data: LiveEventData): Promise<void>;
  /** The users with an open stream on this server (the presence feed's audience). */
  localUsers(): Iterable<number>;
  /** Hands a signal to this server's streams of `userId` only. */
  deliverHere(userId: number, data: LiveEventData): void;
  /**
   * The room events of `rooms` logged after `since`, oldest first, as `userId`'s events.
   * Incomplete when the log no longer reaches back that far.
   */
  replayRooms(userId: number, rooms: Set<number>, since: RoomLogPosition): Promise<Replay>;
  /** The room log's clock now: a stream resuming from it misses no room event. */
  roomClock(): Promise<number | null>;
  /** A room's membership changed: every server reads its members again. */
  forgetRoom(roomId: number): Promise<void>;
  /**
   * The events for `userId` after `lastEventId`, oldest first. `complete` is false when the
   * id is unknown (another server run, or older than the replay window): the client must
   * then refetch everything instead of trusting the replay.
   */
  replay(userId: number, lastEventId: string): Promise<Replay>;
  /** False while the bus cannot reach every server (Redis down): streams are refused. */
  available(): boolean;
  /** Calls `callback` when the bus stops reaching every server; returns an unsubscribe. */
  onUnavailable(callback: () => void): () => void;
  /** Resolves once the bus hears the other servers (at once in process). */
  ready(): Promise<void>;
  /**
   * The id of the user's newest event, taken before a page reads its data: the page's
   * stream resumes from it, so nothing committed between the render and the stream's
   * opening is missed. Null when there is nothing to resume from.
   */
  latestEventId(userId: number): Promise<string | null>;
}

export interface Replay {
  events: LiveEvent[];
  complete: boolean;
}

export const REPLAY_WINDOW = 2_000;

/**
 * Event ids are per user: `<boot id>-<n>` where n counts that user's own events in this
 * server run, so the ids a user sees grow by one per event of theirs and tell nothing of
 * anyone else's traffic. `windowSize` events (all users together) are kept for replay.
 */
export function createInProcessBus(windowSize = REPLAY_WINDOW): EventBus {
  const boot = randomBytes(4).toString("hex");
  /** Each user's newest sequence number. */
  const sequences = new Map<number, number>();
  /** Each user's newest sequence number that fell out of the replay window. */
  const dropped = new Map<number, number>();
  const recent: Array<{ event: LiveEvent; seq: number }> = [];
  const listeners = createListeners();
  const audience = createRoomAudience();
  // The log of room events: every room's, in the order published, `windowSize` kept.
  const bootAt = Date.now();
  const roomLog: RoomLogEntry[] = [];
  let roomSerial = 0;
  let roomDropped: RoomLogEntry | undefined;

  const sequenceOf = (id: string): number | undefined => {
    const [eventBoot, seq, extra] = id.split("-");
    const parsed = Number(seq);
    return eventBoot === boot && extra === undefined && Number.isSafeInteger(parsed) && parsed >= 0
      ? parsed
      : undefined;
  };

  return {
    async publish(userId, data) {
      const seq = (sequences.get(userId) ?? 0) + 1;
      sequences.set(userId, seq);
      const event: LiveEvent = { id: `${boot}-${seq}`, userId, data };
      recent.push({ event, seq });
      while (recent.length > windowSize) {
        const old = recent.shift();
        if (old) dropped.set(old.event.userId, old.seq);
      }
      listeners.deliver(event);
      return event;
    },
    subscribe: (userId, listener) => listeners.add(userId, listener),
    async publishRoom(roomId, data) {
      const previous = roomLog.at(-1) ?? roomDropped;
      // Never earlier than the entry before it, as Redis numbers a stream's entries.
      const at = Math.max(Date.now(), previous?.at ?? 0);
      const seq = previous?.at === at ? previous.seq + 1 : 0;
      const entry = { id: `room:${boot}-${++roomSerial}`, roomId, at, seq, data };
      roomLog.push(entry);
      while (roomLog.length > windowSize) roomDropped = roomLog.shift() ?? roomDropped;
      await audience.deliver(entry, listeners);
    },
    async replayRooms(userId, rooms, since) {
      // From before this server started, or past what the log still holds: unknown.
      const dropped = roomDropped && isAfter(roomDropped.at, roomDropped.seq, since);
      if (since.at < bootAt || dropped) return { events: [], complete: false };
      const entries = roomLog.filter((entry) => isAfter(entry.at, entry.seq, since));
      return { events: roomEventsFor(userId, entries, rooms), complete: true };
    },
    roomClock: async () => Date.now(),
    signal: async (userIds, data) => {
      for (const userId of userIds) listeners.deliver({ id: "", userId, data });
    },
    localUsers: () => listeners.users(),
    deliverHere: (userId, data) => listeners.deliver({ id: "", userId, data }),
    forgetRoom: async (roomId) => audience.forget(roomId),
    available: () => true,
    onUnavailable: () => () => {},
    ready: async () => {},
    latestEventId: async (userId) => `${boot}-${sequences.get(userId) ?? 0}`,
    async replay(userId, lastEventId) {
      const after = sequenceOf(lastEventId);
      const newest = sequences.get(userId) ?? 0;
      if (after === undefined || after > newest || after < (dropped.get(userId) ?? 0)) {
        return { events: [], complete: false };
      }
      return {
        events: recent
          .filter(({ event, seq }) => event.userId === userId && seq > after)
          .map(({ event }) => event),
        complete: true,
      };
    },
  };
}

/** The bus of this server process: through Redis when REDIS_URL is set. */
export function liveBus(): EventBus {
  return processSingleton("live-bus", () =>
    sharedMode() ? createRedisBus() : createInProcessBus(),
  );
}
