import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { atomic, deleteWhere, findRow, insert, update, updateWhere } from "@/db/events";
import { rows } from "@/db/query";
import { type Room, type RoomMember, roomMembers } from "@/db/schema";
import { fail, ok, type Result } from "@/lib/platform/result";
import { parse } from "@/lib/platform/validation";
import { roomAccess, roomNotFound, writableRoom } from "./access";
import {
  createRoomSchema,
  muteRoomSchema,
  renameRoomSchema,
  roomIdSchema,
  roomMemberSchema,
  roomTopicSchema,
} from "./schemas";

const nameTaken = (name: string) => {
  const message = `#${name} is taken: choose another name.`;
  return fail("conflict", message, { name: [message] });
};

/** SQLite says UNIQUE in its message; PostgreSQL sets SQLSTATE 23505 (maybe on the cause). */
function isUniqueViolation(error: unknown): boolean {
  const { code, cause } = (error ?? {}) as { code?: string; cause?: { code?: string } };
  return code === "23505" || cause?.code === "23505" || String(error).includes("UNIQUE");
}

/**
 * Creates a room; its creator is its first admin. The unique index on lower(name) decides a
 * taken name (two creators racing included): the transaction rolls back, nothing is written.
 */
export async function createRoom(userId: number, input: unknown): Promise<Result<Room>> {
  const parsed = parse(createRoomSchema, input);
  if (!parsed.ok) return parsed;
  const { name, topic, kind } = parsed.data;
  try {
    const room = await atomic(async () => {
      const created = await insert("rooms", { name, topic, kind, createdBy: userId });
      await insert("room_members", { roomId: created.id, userId, role: "admin" });
      return created;
    });
    return ok(room);
  } catch (error) {
    if (isUniqueViolation(error)) return nameTaken(name);
    throw error;
  }
}

export interface BrowsedRoom {
  id: number;
  name: string;
  topic: string;
  memberCount: number;
  joined: boolean;
}

/** Open rooms not archived, by name, with their member counts and whether the viewer joined: one statement. */
export async function browseRooms(viewerId: number, query = ""): Promise<BrowsedRoom[]> {
  const pattern = `%${query
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const found = await rows<{
    id: number;
    name: string;
    topic: string;
    member_count: number;
    joined: number | boolean;
  }>(sql`
    select r.id, r.name, r.topic,
      (select count(*) from room_members c where c.room_id = r.id) as member_count,
      exists (select 1 from room_members m where m.room_id = r.id and m.user_id = ${viewerId})
        as joined
    from rooms r
    where r.kind = 'open' and r.archived_at is null and lower(r.name) like ${pattern} escape '\\'
    order by lower(r.name)
    limit 200`);
  return found.map((row) => ({
    id: row.id,
    name: row.name,
    topic: row.topic,
    memberCount: Number(row.member_count),
    joined: Boolean(row.joined),
  }));
}

/**
 * Joins an open room. What was said before counts as read: the read position starts at the
 * room's newest message. Joining twice changes nothing.
 */
export async function joinRoom(userId: number, input: unknown): Promise<Result<RoomMember>> {
  const parsed = parse(roomIdSchema, input);
  if (!parsed.ok) return parsed;
  const { roomId } = parsed.data;
  return atomic(async (): Promise<Result<RoomMember>> => {
    const access = await roomAccess(userId, roomId);
    if (!access) return roomNotFound();
    if (access.membership) return ok(access.membership);
    if (access.room.kind !== "open") return roomNotFound();
    if (access.room.archivedAt !== null) {
      return fail("invalid", `#${access.room.name} is archived: it cannot be joined.`);
    }
    return ok(await addMembership(roomId, userId));
  });
}

async function addMembership(roomId: number, userId: number): Promise<RoomMember> {
  const [newest] = await rows<{ id: number | null }>(
    sql`select max(id) as id from messages where room_id = ${roomId}`,
  );
  return insert("room_members", { roomId, userId, lastReadMessageId: Number(newest?.id ?? 0) });
}

/** Leaves a room (open or private). */
export async function leaveRoom(userId: number, input: unknown): Promise<Result<{ left: true }>> {
  const parsed = parse(roomIdSchema, input);
  if (!parsed.ok) return parsed;
  const { roomId } = parsed.data;
  const gone = await deleteWhere(
    "room_members",
    and(eq(roomMembers.roomId, roomId), eq(roomMembers.userId, userId)),
  );
  return gone.length > 0 ? ok({ left: true }) : roomNotFound();
}

/** A member adds a colleague (the way into a private room). Adding a member twice is refused. */
export async function addRoomMember(actorId: number, input: unknown): Promise<Result<RoomMember>> {
  const parsed = parse(roomMemberSchema, input);
  if (!parsed.ok) return parsed;
  const { roomId, userId } = parsed.data;
  return atomic(async (): Promise<Result<RoomMember>> => {
    const access = await writableRoom(actorId, roomId);
    if (!access.ok) return access;
    const colleague = await findRow("users", userId);
    if (!colleague) {
      return fail("not_found", "That colleague does not exist.", {
        userId: ["That colleague does not exist."],
      });
    }
    if (colleague.deactivatedAt !== null) {
      return fail("invalid", `${colleague.name} has been deactivated and cannot be added.`);
    }
    const already = await roomAccess(userId, roomId);
    if (already?.membership) {
      const message = `${colleague.name} is already a member of #${access.data.room.name}.`;
      return fail("conflict", message, { userId: [message] });
    }
    return ok(await addMembership(roomId, userId));
  });
}

/** A room admin removes a member; the member's open streams stop hearing the room at once. */
export async function removeRoomMember(
  actorId: number,
  input: unknown,
): Promise<Result<{ removed: true }>> {
  const parsed = parse(roomMemberSchema, input);
  if (!parsed.ok) return parsed;
  const { roomId, userId } = parsed.data;
  const access = await writableRoom(actorId, roomId, { admin: true });
  if (!access.ok) return access;
  const gone = await deleteWhere(
    "room_members",
    and(eq(roomMembers.roomId, roomId), eq(roomMembers.userId, userId)),
  );
  if (gone.length === 0) return fail("not_found", "That colleague is not a member of this room.");
  return ok({ removed: true });
}

/** A room admin makes a member an admin too. */
export async function makeRoomAdmin(
  actorId: number,
  input: unknown,
): Promise<Result<{ admin: true }>> {
  const parsed = parse(roomMemberSchema, input);
  if (!parsed.ok) return parsed;
  const { roomId, userId } = parsed.data;
  const access = await writableRoom(actorId, roomId, { admin: true });
  if (!access.ok) return access;
  const changed = await updateWhere(
    "room_members",
    and(eq(roomMembers.roomId, roomId), eq(roomMembers.userId, userId)),
    { role: "admin" },
  );
  if (changed.length === 0)
    return fail("not_found", "That colleague is not a member of this room.");
  return ok({ admin: true });
}

export async function renameRoom(actorId: number, input: unknown): Promise<Result<Room>> {
  const parsed = parse(renameRoomSchema, input);
  if (!parsed.ok) return parsed;
  const { roomId, name } = parsed.data;
  const access = await writableRoom(actorId, roomId, { admin: true });
  if (!access.ok) return access;
  try {
    const renamed = await update("rooms", roomId, { name });
    return renamed ? ok(renamed) : roomNotFound();
  } catch (error) {
    if (isUniqueViolation(error)) return nameTaken(name);
    throw error;
  }
}

export async function setRoomTopic(actorId: number, input: unknown): Promise<Result<Room>> {
  const parsed = parse(roomTopicSchema, input);
  if (!parsed.ok) return parsed;
  const { roomId, topic } = parsed.data;
  const access = await writableRoom(actorId, roomId, { admin: true });
  if (!access.ok) return access;
  const changed = await update("rooms", roomId, { topic });
  return changed ? ok(changed) : roomNotFound();
}

/** A room admin archives a room: read-only from then on, and out of Browse rooms. */
export async function archiveRoom(actorId: number, input: unknown): Promise<Result<Room>> {
  const parsed = parse(roomIdSchema, input);
  if (!parsed.ok) return parsed;
  const { roomId } = parsed.data;
  const access = await writableRoom(actorId, roomId, { admin: true });
  if (!access.ok) return access;
  const archived = await update("rooms", roomId, { archivedAt: Date.now() });
  return archived ? ok(archived) : roomNotFound();
}

/** Mutes or unmutes a room for the member: a muted room shows no unread count. */
export async function setRoomMuted(
  userId: number,
  input: unknown,
): Promise<Result<{ muted: boolean }>> {
  const parsed = parse(muteRoomSchema, input);
  if (!parsed.ok) return parsed;
  const { roomId, muted } = parsed.data;
  const access = await roomAccess(userId, roomId);
  if (!access?.membership) return roomNotFound();
  await updateWhere(
    "room_members",
    and(eq(roomMembers.roomId, roomId), eq(roomMembers.userId, userId)),
    { muted },
  );
  return ok({ muted });
}

export interface RoomMemberView {
  userId: number;
  name: string;
  role: "member" | "admin";
}

/** A readable room's members, admins first, then by name: one statement. */
export async function listRoomMembers(roomId: number): Promise<RoomMemberView[]> {
  const found = await rows<{ user_id: number; name: string; role: "member" | "admin" }>(sql`
    select rm.user_id, u.name, rm.role
    from room_members rm join users u on u.id = rm.user_id
    where rm.room_id = ${roomId}
    order by rm.role = 'admin' desc, lower(u.name), u.id`);
  return found.map((row) => ({ userId: Number(row.user_id), name: row.name, role: row.role }));
}
