import { type Placeholder, type SQL, sql } from "drizzle-orm";

/**
 * THE rule of unread in a room, stated once: a message of the room after the member's read
 * position, not written by the member, not a tombstone. `m` aliases messages, `rm` the
 * member's room_members row. Direct messages keep their own rule (`unreadBy` in ./inbox.ts:
 * a per-message read flag set by the receiver); a room has no receiver, and one read flag
 * per member per message would make a send cost as much as the room is large. Counted
 * from messages_room_idx: (room_id, id) > (room, position).
 */
export function unreadInRoom(m: string, rm: string): SQL {
  const [message, member] = [sql.raw(m), sql.raw(rm)];
  return sql`${message}.room_id = ${member}.room_id
    and ${message}.id > ${member}.last_read_message_id
    and ${message}.sender_id <> ${member}.user_id
    and ${message}.deleted_at is null`;
}

/**
 * The user's unread room messages across their rooms, muted rooms left out: a count
 * subquery (one index range per room), for the inbox's total and the navigation badge.
 */
export function unreadInRoomsCount(userId: number | Placeholder): SQL {
  return sql`(select count(*) from room_members rm join messages m on ${unreadInRoom("m", "rm")}
    where rm.user_id = ${userId} and not rm.muted)`;
}
