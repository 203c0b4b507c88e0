import { sql } from "drizzle-orm";
import { rows } from "@/db/query";
import type { Listener } from "./listeners";
import type { LiveEvent, RoomLogEntry } from "./types";

const CACHED_ROOMS = 2_000;

/**
 * Who hears a room's events on this server. A room event is published ONCE (in process, or
 * on the one Redis channel every server hears), never once per member: each server hands
 * it to those of its local streams whose user is a member. The members of a room are read
 * once (one statement) and kept until a membership of the room changes, which every server
 * hears as a `forget` on the same channel, after which the next event reads them again:
 * a removed member's open streams stop hearing the room at once.
 */
export function createRoomAudience(load: (roomId: number) => Promise<Set<number>> = loadMembers) {
  const members = new Map<number, Promise<Set<number>>>();
  const membersOf = (roomId: number) => {
    let found = members.get(roomId);
    if (!found) {
      found = load(roomId);
      found.catch(() => members.delete(roomId));
      members.set(roomId, found);
      // Oldest first: a Map iterates in insertion order.
      if (members.size > CACHED_ROOMS) members.delete(members.keys().next().value as number);
    }
    return found;
  };
  return {
    forget(roomId: number) {
      members.delete(roomId);
    },
    /** Delivers a room event to this server's listeners of the room's members. */
    async deliver({ id, roomId, at, seq, data }: RoomLogEntry, local: LocalStreams) {
      // No stream here: nobody to tell, nothing to read.
      if (local.count() === 0) return;
      const inRoom = await membersOf(roomId);
      const to = (userId: number) => local.deliver({ id, userId, data, roomLog: { at, seq } });
      // Whichever is smaller: a team room on a server of thousands of streams walks its few
      // members, the company room on a quiet server its few streams.
      if (inRoom.size <= local.count()) {
        for (const userId of inRoom) if (local.has(userId)) to(userId);
      } else {
        for (const userId of [...local.users()]) if (inRoom.has(userId)) to(userId);
      }
    },
  };
}

export type RoomAudience = ReturnType<typeof createRoomAudience>;

/** This server's open streams, as the room audience hands them events. */
interface LocalStreams {
  users(): Iterable<number>;
  has(userId: number): boolean;
  /** How many users have a stream here. */
  count(): number;
  deliver(event: LiveEvent): void;
}

export type { Listener };

async function loadMembers(roomId: number): Promise<Set<number>> {
  const found = await rows<{ user_id: number }>(
    sql`select user_id from room_members where room_id = ${roomId}`,
  );
  return new Set(found.map((row) => Number(row.user_id)));
}

/** The rooms a user is a member of, now (one statement): what a resumed stream replays. */
export async function roomsOf(userId: number): Promise<Set<number>> {
  const found = await rows<{ room_id: number }>(
    sql`select room_id from room_members where user_id = ${userId}`,
  );
  return new Set(found.map((row) => Number(row.room_id)));
}

/** A room log's entries from `since` on, of the given rooms: what a resumed stream missed. */
export function roomEventsFor(
  userId: number,
  entries: RoomLogEntry[],
  rooms: Set<number>,
): LiveEvent[] {
  return entries
    .filter((entry) => rooms.has(entry.roomId))
    .map(({ id, at, seq, data }) => ({ id, userId, data, roomLog: { at, seq } }));
}
