import { type EventBus, liveBus } from "./bus";

/**
 * A stream's resume point (the SSE event id, sent back as Last-Event-ID): the user's own
 * event id and, after `~`, a position in the one log every room's events go to: `<ms>`
 * (from that time on, a clock reading) or `<ms>-<n>` (after the n-th room event of that
 * millisecond, the newest the stream passed on). The user's part counts their own events
 * only; the room part is a time, so neither tells anything of traffic the user cannot see
 * beyond how many room events shared one millisecond.
 */
export interface LiveCursor {
  /** The user's own event id; empty when the stream has none yet. */
  user: string;
  /** Where room events are replayed from; null when unknown. */
  rooms: RoomLogPosition | null;
}

/** A room log position: after entry `seq` of millisecond `at`, or (seq null) from `at` on. */
export interface RoomLogPosition {
  at: number;
  seq: number | null;
}

/** True when the entry at (`at`, `seq`) comes after the position. */
export function isAfter(at: number, seq: number, position: RoomLogPosition): boolean {
  return at > position.at || (at === position.at && (position.seq === null || seq > position.seq));
}

export function formatCursor({ user, rooms }: LiveCursor): string {
  if (!rooms) return `${user}~`;
  return `${user}~${rooms.at}${rooms.seq === null ? "" : `-${rooms.seq}`}`;
}

/** Any text a client sends; what is not a cursor reads as one with nothing known. */
export function parseCursor(text: string): LiveCursor {
  const [user = "", rooms = ""] = text.split("~", 2);
  const match = /^(\d{1,15})(?:-(\d{1,15}))?$/.exec(rooms);
  if (!match) return { user, rooms: null };
  return { user, rooms: { at: Number(match[1]), seq: match[2] ? Number(match[2]) : null } };
}

/**
 * Where a page's stream resumes: taken before the page reads its data, so nothing
 * committed between the render and the stream's opening is missed. Null when the bus
 * cannot say (the stream then starts afresh).
 */
export async function liveCursor(
  userId: number,
  bus: EventBus = liveBus(),
): Promise<string | null> {
  const [user, roomsAt] = await Promise.all([bus.latestEventId(userId), bus.roomClock()]);
  if (user === null || roomsAt === null) return null;
  return formatCursor({ user, rooms: { at: roomsAt, seq: null } });
}
