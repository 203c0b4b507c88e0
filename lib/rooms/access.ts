import "server-only";
import { and, eq, type SQL, sql } from "drizzle-orm";
import { preparedRow } from "@/db/prepared";
import { type Room, type RoomMember, roomMembers, rooms } from "@/db/schema";
import { fail, NotFoundError, type Result } from "@/lib/platform/result";

/** A room as one viewer may see it: the room, and their membership if they have one. */
export interface RoomAccess {
  room: Room;
  membership: RoomMember | null;
}

/**
 * The room and the viewer's membership in ONE statement; undefined when the room does not
 * exist or is private and the viewer is not a member (the two answers look the same, so
 * nobody learns a private room's name or existence). Every read and write starts here.
 */
export async function roomAccess(
  viewerId: number,
  roomId: number,
): Promise<RoomAccess | undefined> {
  const found = await preparedRow<{ room: Room; membership: RoomMember | null }>(
    "room-access",
    (on) =>
      on
        .select({ room: rooms, membership: roomMembers })
        .from(rooms)
        .leftJoin(
          roomMembers,
          and(
            eq(roomMembers.roomId, rooms.id),
            eq(roomMembers.userId, sql.placeholder("viewerId")),
          ),
        )
        .where(eq(rooms.id, sql.placeholder("roomId"))),
    { viewerId, roomId },
  );
  if (!found) return undefined;
  if (found.room.kind === "private" && !found.membership) return undefined;
  return found;
}

/** The room the viewer may read, or NotFoundError (a page's 404). */
export async function readableRoom(viewerId: number, roomId: number): Promise<RoomAccess> {
  const access = await roomAccess(viewerId, roomId);
  if (!access) throw new NotFoundError("No such room");
  return access;
}

export const roomNotFound = () =>
  fail("not_found", "That room does not exist.", { roomId: ["That room does not exist."] });

/**
 * The room the viewer may write in: a member, and the room not archived. `admin` asks for
 * the room admin role too. Anyone who may not even read it gets the same "does not exist".
 */
export async function writableRoom(
  viewerId: number,
  roomId: number,
  { admin = false }: { admin?: boolean } = {},
): Promise<Result<RoomAccess & { membership: RoomMember }>> {
  const access = await roomAccess(viewerId, roomId);
  if (!access) return roomNotFound();
  const { room, membership } = access;
  if (!membership) return fail("forbidden", `Join #${room.name} to take part in it.`);
  if (room.archivedAt !== null) {
    const message = `#${room.name} is archived: it is read-only.`;
    return fail("invalid", message, { content: [message] });
  }
  if (admin && membership.role !== "admin") {
    return fail("forbidden", `Only the admins of #${room.name} can do that.`);
  }
  return { ok: true, data: { room, membership } };
}

/**
 * SQL true when the viewer may read message `m` (an alias of messages): a direct message
 * they sent or received, or a message of a room they may read (open, or a member). Used
 * where a statement authorizes by itself (threads, edit history, search).
 */
export function canReadMessage(alias: string, viewerId: number): SQL {
  const m = sql.raw(alias);
  return sql`(
    (${m}.room_id is null and (${m}.sender_id = ${viewerId} or ${m}.receiver_id = ${viewerId}))
    or (${m}.room_id is not null and exists (
      select 1 from rooms r where r.id = ${m}.room_id and (r.kind = 'open' or exists (
        select 1 from room_members rm where rm.room_id = r.id and rm.user_id = ${viewerId})))))`;
}
