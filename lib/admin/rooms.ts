import "server-only";
import { sql } from "drizzle-orm";
import { atomic, insert, update } from "@/db/events";
import { rows } from "@/db/query";
import { fail, ok, type Result } from "@/lib/platform/result";
import { parse } from "@/lib/platform/validation";
import { roomIdSchema } from "@/lib/rooms/schemas";
import type { Actor } from "./moderation";
import { findUser, isActiveAdmin } from "./roles";

export interface AdminRoomRow {
  id: number;
  name: string;
  kind: "open" | "private";
  archived: boolean;
  members: number;
  messages: number;
}

/**
 * Every room for the console, private ones included: name, kind, member and message
 * counts, never what was written. One statement; the counts come from the indexes on
 * room_members and messages (room_id).
 */
export async function adminRooms(): Promise<AdminRoomRow[]> {
  const found = await rows<{
    id: number;
    name: string;
    kind: "open" | "private";
    archived_at: number | null;
    members: number;
    messages: number;
  }>(sql`
    select r.id, r.name, r.kind, r.archived_at,
      (select count(*) from room_members rm where rm.room_id = r.id) as members,
      (select count(*) from messages m where m.room_id = r.id) as messages
    from rooms r
    order by lower(r.name), r.id`);
  return found.map((row) => ({
    id: Number(row.id),
    name: row.name,
    kind: row.kind,
    archived: row.archived_at !== null,
    members: Number(row.members),
    messages: Number(row.messages),
  }));
}

/**
 * A console admin archives a room (any room, private ones too): in one transaction the
 * actor's role is re-read, the audit entry written and the room archived.
 */
export async function archiveRoomAsAdmin(
  actor: Actor,
  input: unknown,
): Promise<Result<{ roomId: number }>> {
  const parsed = parse(roomIdSchema, input);
  if (!parsed.ok) return parsed;
  const { roomId } = parsed.data;
  return atomic(async (): Promise<Result<{ roomId: number }>> => {
    const admin = actor.kind === "admin" ? await findUser(actor.id) : undefined;
    if (actor.kind === "admin" && (!admin || !isActiveAdmin(admin))) {
      return fail("forbidden", "Only admins can do that.");
    }
    const [room] = await rows<{ id: number; name: string; archived_at: number | null }>(
      sql`select id, name, archived_at from rooms where id = ${roomId}`,
    );
    if (!room) return fail("not_found", "That room does not exist.");
    if (room.archived_at !== null) return fail("conflict", `#${room.name} is already archived.`);
    await insert("audit_log", {
      actorId: admin?.id ?? null,
      actorName: admin?.name ?? "Command line",
      actorEmail: admin?.email ?? "",
      action: "archive_room",
      targetId: roomId,
      targetName: `#${room.name}`,
      targetEmail: "",
    });
    await update("rooms", roomId, { archivedAt: Date.now() });
    return ok({ roomId });
  });
}
