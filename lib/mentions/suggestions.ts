import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { firstRow, rows } from "@/db/query";
import { NotFoundError, ok, type Result } from "@/lib/platform/result";
import { idSchema, parse } from "@/lib/platform/validation";
import { canReadMessage, readableRoom } from "@/lib/rooms/access";
import { LARGE_ROOM_MEMBERS } from "@/lib/rooms/large-room";

/** How many suggestions the listbox shows. */
export const SUGGESTION_LIMIT = 8;

/** Where the composer is: a room, a direct conversation (the other person), or a thread. */
export const suggestionQuerySchema = z
  .object({
    roomId: idSchema.optional(),
    userId: idSchema.optional(),
    messageId: idSchema.optional(),
    q: z
      .string()
      .max(100, { error: "Type at most 100 characters after @." })
      .default("")
      .transform((q) => q.trim().toLowerCase()),
  })
  .refine(
    (input) =>
      [input.roomId, input.userId, input.messageId].filter((id) => id !== undefined).length === 1,
    { error: "Say where you are writing: one of roomId, userId or messageId." },
  );

export interface Suggestion {
  id: number;
  name: string;
  /** "room": the option that inserts `@room` (every member); absent for a colleague. */
  kind?: "room";
}

/** The `@room` option: its name in the listbox, and the words that bring it up. */
export const ROOM_SUGGESTION: Suggestion = { id: 0, name: "Everyone in the room", kind: "room" };
const ROOM_WORDS = ["room", "everyone"];

/**
 * The colleagues a composer may mention, whose name contains what was typed after `@`: a
 * room's members (the viewer left out), or the other person of a direct conversation; in
 * a room also `@room` ("Everyone in the room"), when the send would allow it. The
 * viewer must be able to read where they write: a private room of others, or a thread they
 * cannot read, is a NotFoundError (404), exactly as the room or thread itself.
 */
export async function mentionSuggestions(
  viewerId: number,
  input: unknown,
): Promise<Result<Suggestion[]>> {
  const parsed = parse(suggestionQuerySchema, input);
  if (!parsed.ok) return parsed;
  const { roomId, userId, messageId, q } = parsed.data;
  if (roomId !== undefined) {
    await readableRoom(viewerId, roomId);
    return ok(await inRoom(roomId, viewerId, q));
  }
  if (userId !== undefined) return ok(await usersNamed(sql`u.id = ${userId}`, viewerId, q));
  const message = await firstRow<{ room_id: number | null; other: number }>(sql`
    select m.room_id, case when m.sender_id = ${viewerId} then m.receiver_id else m.sender_id end as other
    from messages m where m.id = ${messageId} and ${canReadMessage("m", viewerId)}`);
  if (!message) throw new NotFoundError("No such message");
  if (message.room_id !== null) return ok(await inRoom(Number(message.room_id), viewerId, q));
  return ok(await usersNamed(sql`u.id = ${message.other}`, viewerId, q));
}

/** A room's members named like `q`, then `@room` when `q` starts "room" or "everyone". */
async function inRoom(roomId: number, viewerId: number, q: string): Promise<Suggestion[]> {
  const members = await roomMembersNamed(roomId, viewerId, q);
  if (!ROOM_WORDS.some((word) => word.startsWith(q))) return members;
  return (await mayMentionRoom(roomId, viewerId)) ? [...members, ROOM_SUGGESTION] : members;
}

/**
 * Whether the send would take the viewer's `@room` here (lib/mentions/prepare.ts): a
 * member, in a room of at most LARGE_ROOM_MEMBERS members or as its admin. One statement.
 */
async function mayMentionRoom(roomId: number, viewerId: number): Promise<boolean> {
  const found = await firstRow<{ members: number; role: string | null }>(sql`
    select count(*) as members,
      max(case when user_id = ${viewerId} then role end) as role
    from room_members where room_id = ${roomId}`);
  if (!found || found.role === null) return false;
  return found.role === "admin" || Number(found.members) <= LARGE_ROOM_MEMBERS;
}

function contains(q: string): SQL {
  // Typed text is matched literally: % and _ are not wildcards.
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`lower(u.name) like ${pattern} escape '\\'`;
}

function roomMembersNamed(roomId: number, viewerId: number, q: string): Promise<Suggestion[]> {
  return rows<Suggestion>(sql`
    select u.id, u.name from room_members rm join users u on u.id = rm.user_id
    where rm.room_id = ${roomId} and u.id <> ${viewerId} and ${contains(q)}
    order by lower(u.name), u.id limit ${SUGGESTION_LIMIT}`).then(numbered);
}

function usersNamed(which: SQL, viewerId: number, q: string): Promise<Suggestion[]> {
  return rows<Suggestion>(sql`
    select u.id, u.name from users u
    where ${which} and u.id <> ${viewerId} and ${contains(q)}
    limit ${SUGGESTION_LIMIT}`).then(numbered);
}

function numbered(found: Suggestion[]): Suggestion[] {
  return found.map((row) => ({ id: Number(row.id), name: row.name }));
}
