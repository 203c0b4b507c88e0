import "server-only";
import { sql } from "drizzle-orm";
import { preparedSqlRows } from "@/db/prepared";
import { idsParameter, inIds } from "@/db/query";
import { type Message, users } from "@/db/schema";
import { justAttached } from "@/lib/files/attach";
import { unreadCounts, unreadCountsWith } from "@/lib/unread/notifications";
import type { LiveMessage, MessageChanged, NotificationChanged, ReadChanged } from "./types";

/** A stored message as the live stream carries it to its two participants. */
export function toLiveMessage(
  row: Message & { senderId: number },
  senderName: string,
): LiveMessage {
  return {
    id: row.id,
    senderId: row.senderId,
    senderName,
    receiverId: row.receiverId,
    content: row.content,
    createdAt: row.createdAt,
    edited: row.edited,
    editedAt: row.editedAt,
    read: row.read,
    deleted: row.deletedAt !== null,
    parentId: row.parentMessageId,
    ...(justAttached(row) ? { attachments: justAttached(row) } : {}),
  };
}

/** The names of the given users, in one statement. */
export async function namesOf(ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  // With every live message: written out once (db/prepared.ts).
  const found = await preparedSqlRows<{ id: number; name: string }>(
    "names-of",
    () => sql`select id, name from users where ${inIds(users.id, sql.placeholder("ids"))}`,
    { ids: idsParameter(unique) },
  );
  return new Map(found.map((row) => [row.id, row.name]));
}

/**
 * The messages of a created, edited or tombstoned save, with their senders' names; none
 * when a sender is gone (the client then refetches).
 */
export async function liveMessagesOf(rows: Message[]): Promise<LiveMessage[] | undefined> {
  // A sender gone (a room tombstone of a deleted account): the client refetches.
  const sent = rows.filter((row): row is Message & { senderId: number } => row.senderId !== null);
  if (sent.length < rows.length) return undefined;
  const names = await namesOf(sent.map((row) => row.senderId));
  const built: LiveMessage[] = [];
  for (const row of sent) {
    const name = names.get(row.senderId);
    if (name === undefined) return undefined;
    built.push(toLiveMessage(row, name));
  }
  return built;
}

/**
 * `data` with the receiving user's unread counts after the write and, for an event about a
 * conversation, their unread messages in it (one statement).
 */
export async function withCounts<E extends MessageChanged | ReadChanged | NotificationChanged>(
  userId: number,
  data: E,
): Promise<E> {
  const other = "conversationWith" in data ? data.conversationWith : undefined;
  if (other === undefined) return { ...data, counts: await unreadCounts(userId) };
  return { ...data, ...(await unreadCountsWith(userId, other)) };
}
