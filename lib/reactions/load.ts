import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { db } from "@/db/query";
import { reactions, users } from "@/db/schema";
import type { ReactionSummary } from "./summary";

/**
 * The reactions on the given messages, in ONE statement (none for no messages): what every
 * view (conversation, room, thread) adds to its messages, so a page costs one statement
 * more with reactions, whatever it shows.
 */
export async function reactionsOn(messageIds: number[]): Promise<Map<number, ReactionSummary[]>> {
  const byMessage = new Map<number, ReactionSummary[]>();
  if (messageIds.length === 0) return byMessage;
  const found = await db()
    .select({
      messageId: reactions.messageId,
      emoji: reactions.emoji,
      userId: reactions.userId,
      name: users.name,
    })
    .from(reactions)
    .innerJoin(users, eq(users.id, reactions.userId))
    .where(and(inArray(reactions.messageId, [...new Set(messageIds)]), eq(reactions.active, true)))
    .orderBy(asc(reactions.messageId), asc(reactions.createdAt), asc(reactions.id));
  for (const row of found) {
    const list = byMessage.get(row.messageId) ?? [];
    const summary = list.find((s) => s.emoji === row.emoji);
    const user = { id: row.userId, name: row.name };
    if (summary) summary.users.push(user);
    else list.push({ emoji: row.emoji, users: [user] });
    byMessage.set(row.messageId, list);
  }
  return byMessage;
}

/** The messages, each with its reactions (an empty list for none). */
export async function withReactions<M extends { id: number }>(
  messages: M[],
): Promise<(M & { reactions: ReactionSummary[] })[]> {
  const found = await reactionsOn(messages.map((m) => m.id));
  return messages.map((m) => ({ ...m, reactions: found.get(m.id) ?? [] }));
}
