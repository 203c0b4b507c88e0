import { type EventBus, liveBus } from "./bus";
import { formatCursor, isAfter, type LiveCursor, parseCursor } from "./cursor";
import { replayDedupe } from "./replay-dedupe";
import { roomsOf } from "./room-audience";
import type { LiveEvent } from "./types";

/**
 * Shorter than the idle timeouts of common proxies and load balancers (60 s by default in
 * nginx and the usual cloud ones); each is a write to every open stream, so not shorter.
 */
export const HEARTBEAT_MS = 30_000;
/**
 * The browser's reconnection delay after a dropped stream, different for each stream (1 to
 * 5 s) so that the tabs of a restarted server do not all reconnect in the same instant.
 */
const retryMs = () => 1_000 + Math.floor(Math.random() * 4_000);

/**
 * An event's frame: with the stream's cursor as its id when the event moved it (the user's
 * own events, room events); an ephemeral signal (typing, presence) has no id, so it never
 * repeats the last one nor moves where the client resumes.
 */
function frame(cursor: LiveCursor | null, event: LiveEvent): string {
  const id = cursor ? `id: ${formatCursor(cursor)}\n` : "";
  return `${id}data: ${serialized(event.data)}\n\n`;
}

/**
 * An event's data as JSON, made once however many streams it goes to: a room event is one
 * data object handed to each member's stream (room-audience.ts), and the company room's
 * reaches thousands.
 */
const serializedData = new WeakMap<LiveEvent["data"], string>();
function serialized(data: LiveEvent["data"]): string {
  let text = serializedData.get(data);
  if (text === undefined) {
    text = JSON.stringify(data);
    serializedData.set(data, text);
  }
  return text;
}

export interface StreamOwner {
  userId: number;
  /** The session the stream belongs to: it closes when that session ends. */
  sessionId: string;
}

/**
 * A server-sent event stream of one user's live events. It subscribes first, then replays
 * what the client missed since `lastEventId` (or tells it to resync when the replay cannot
 * be trusted), then delivers what arrived meanwhile: no event falls between the two, and
 * none is sent twice. Comments every HEARTBEAT_MS keep proxies from closing it. It closes
 * when its session ends or the bus stops reaching every server; `onClose` runs once then.
 */
export function liveEventStream(
  { userId, sessionId }: StreamOwner,
  lastEventId: string | null,
  signal: AbortSignal,
  { onClose = () => {}, bus = liveBus() }: { onClose?: () => void; bus?: EventBus } = {},
) {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const dedupe = replayDedupe(lastEventId !== null);
      // Where the client resumes: its own events, and the room events, each passed on so far.
      const cursor: LiveCursor = lastEventId ? parseCursor(lastEventId) : { user: "", rooms: null };
      const deliver = (event: LiveEvent) => {
        if (!dedupe.first(event.id)) return;
        if (event.roomLog) {
          const { at, seq } = event.roomLog;
          if (!cursor.rooms || isAfter(at, seq, cursor.rooms)) cursor.rooms = { at, seq };
        } else if (event.id) {
          cursor.user = event.id;
        }
        const moved = Boolean(event.roomLog || event.id);
        if (event.data.type !== "session.ended") return send(frame(moved ? cursor : null, event));
        // A session's end closes its stream; the browser is told, other sessions are not.
        if (!event.data.sessionIds?.includes(sessionId)) return;
        send(`event: signed-out\ndata: ${JSON.stringify({ reason: event.data.reason })}\n\n`);
        cleanup();
      };
      // Until the replay (or, for a new stream, the room log's clock) is known, events wait.
      let waiting: LiveEvent[] | null = [];
      const unsubscribe = bus.subscribe(userId, (event) =>
        waiting ? waiting.push(event) : deliver(event),
      );
      const stopWatching = bus.onUnavailable(() => cleanup());
      const heartbeat = setInterval(() => send(": ping\n\n"), HEARTBEAT_MS);
      cleanup = () => {
        if (closed) return;
        closed = true;
        onClose();
        unsubscribe();
        stopWatching();
        clearInterval(heartbeat);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      // A signal that has already aborted never fires: the client left before the stream
      // started, and its subscription and slot go now.
      if (signal.aborted) return cleanup();
      signal.addEventListener("abort", () => cleanup(), { once: true });
      send(`retry: ${retryMs()}\n\n`);
      const flush = () => {
        const arrived = waiting ?? [];
        waiting = null;
        for (const event of arrived) deliver(event);
        dedupe.settle();
      };
      if (!lastEventId) {
        // A new stream resumes, later, from the user's events and the room events of now on.
        void Promise.all([
          bus.latestEventId(userId).catch(() => null),
          bus.roomClock().catch(() => null),
        ]).then(([user, at]) => {
          if (user !== null && cursor.user === "") cursor.user = user;
          if (at !== null) cursor.rooms ??= { at, seq: null };
          flush();
        });
        return;
      }
      const { user, rooms: since } = cursor;
      const failed = () => ({ events: [], complete: false });
      void Promise.all([
        bus.replay(userId, user).catch(failed),
        since === null
          ? failed()
          : roomsOf(userId)
              .then((rooms) => bus.replayRooms(userId, rooms, since))
              .catch(failed),
      ]).then((replays) => {
        // What can be trusted is replayed; anything else, the client refetches.
        for (const { events, complete } of replays) {
          if (complete) for (const event of events) deliver(event);
        }
        if (replays.some((replay) => !replay.complete)) send(`event: resync\ndata: {}\n\n`);
        flush();
      });
    },
    cancel() {
      cleanup();
    },
  });
}
