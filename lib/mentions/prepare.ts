import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { inIds, perDialect, rows } from "@/db/query";
import { fail, ok, type Result } from "@/lib/platform/result";
import { LARGE_ROOM_MEMBERS } from "@/lib/rooms/large-room";
import { isLargeRoom } from "@/lib/rooms/room-size";
import { type Member, mentionsIn, resolveTokens } from "./parse";

/** Where a message is written: a room (with the sender's role there) or a direct conversation. */
export type MentionTarget =
  | { roomId: number; role: "member" | "admin" }
  | { roomId?: undefined; participants: number[] };

/** Names looked up per message at most: a hostile message cannot grow the statement. */
const MAX_NAMES = 50;

/**
 * A message's content as it is stored: mentions typed by name resolved against the
 * conversation's members (the room's, or the two participants), each to an id; ids of
 * non-members dropped to plain names. Refuses `@room` in a large room (more than
 * LARGE_ROOM_MEMBERS members) unless the sender is a room admin. A message without an `@`
 * costs nothing; one with mentions one statement, and `@room` one more.
 */
export async function prepareContent(
  content: string,
  target: MentionTarget,
): Promise<Result<string>> {
  const mentions = mentionsIn(content);
  if (mentions.room && target.roomId !== undefined && target.role !== "admin") {
    const refused = await roomMentionRefused(target.roomId);
    if (refused) return refused;
  }
  if (mentions.tokens.length === 0) return ok(content);
  const members = await candidates(mentions.tokens, target);
  return ok(resolveTokens(content, mentions.tokens, members));
}

async function roomMentionRefused(roomId: number): Promise<Result<never> | undefined> {
  if (!(await isLargeRoom(roomId))) return undefined;
  const message = `@room would notify over ${LARGE_ROOM_MEMBERS} people: only the room's admins can use it here.`;
  return fail("invalid", message, { content: [message] });
}

/** The members a message's tokens could name: one statement. */
function candidates(tokens: { name: string; id?: number }[], target: MentionTarget) {
  const ids = [...new Set(tokens.flatMap((t) => (t.id === undefined ? [] : [t.id])))].slice(
    0,
    MAX_NAMES,
  );
  const names = [...new Set(tokens.filter((t) => t.id === undefined).map((t) => t.name))]
    .slice(0, MAX_NAMES)
    .map((name) => name.toLowerCase());
  const named = sql`(${inIds(sql`u.id`, ids)} or ${nameIn(sql`lower(trim(u.name))`, names)})`;
  if (target.roomId !== undefined) {
    return rows<Member>(sql`
      select u.id, u.name from room_members rm join users u on u.id = rm.user_id
      where rm.room_id = ${target.roomId} and ${named}`);
  }
  return rows<Member>(
    sql`select u.id, u.name from users u where ${inIds(sql`u.id`, target.participants)}`,
  );
}

/** `expression` is one of `names`, as ONE parameter whatever their number. */
function nameIn(expression: SQL, names: string[]): SQL {
  return perDialect({
    sqlite: () => sql`${expression} in (select value from json_each(${JSON.stringify(names)}))`,
    postgres: () =>
      sql`${expression} in (select json_array_elements_text(${JSON.stringify(names)}::json))`,
  });
}
