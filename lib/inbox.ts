import { and, count, desc, eq, isNull, lt, ne, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { messages, users } from "@/db/schema";
import { SNIPPET_LENGTH } from "./notifications";

/**
 * The unread inbox, our custom manager: messages the user received and has not read,
 * never their own and never tombstones. Its filter matches the partial index
 * messages_unread_idx (receiver_id, created_at) WHERE read = 0, which serves it.
 */
function unreadBy(userId: number) {
  return and(
    eq(messages.receiverId, userId),
    eq(messages.read, false),
    ne(messages.senderId, userId),
    isNull(messages.deletedAt),
  );
}

export interface UnreadMessage {
  id: number;
  senderId: number;
  senderName: string;
  snippet: string;
  createdAt: number;
  parentMessageId: number | null;
}

export const INBOX_PAGE = 50;

/**
 * Newest first, only the columns the inbox renders, the sender's name joined in the same
 * statement. `before` is a cursor: the id of the last message of the previous page.
 */
export function unreadFor(
  userId: number,
  { limit = INBOX_PAGE, before }: { limit?: number; before?: number } = {},
): UnreadMessage[] {
  const cursor = before
    ? or(
        lt(messages.createdAt, sql`(select created_at from messages where id = ${before})`),
        and(
          eq(messages.createdAt, sql`(select created_at from messages where id = ${before})`),
          lt(messages.id, before),
        ),
      )
    : undefined;
  return getDb()
    .select({
      id: messages.id,
      senderId: messages.senderId,
      senderName: users.name,
      snippet: sql<string>`substr(${messages.content}, 1, ${SNIPPET_LENGTH})`,
      createdAt: messages.createdAt,
      parentMessageId: messages.parentMessageId,
    })
    .from(messages)
    .innerJoin(users, eq(users.id, messages.senderId))
    .where(and(unreadBy(userId), cursor))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit)
    .all();
}

export function unreadCountFor(userId: number): number {
  const [row] = getDb().select({ count: count() }).from(messages).where(unreadBy(userId)).all();
  return row?.count ?? 0;
}

/** The SQL of the unread list, for EXPLAIN QUERY PLAN in tests and benchmarks. */
export function unreadQuery(userId: number) {
  return getDb()
    .select({ id: messages.id })
    .from(messages)
    .where(unreadBy(userId))
    .orderBy(desc(messages.createdAt))
    .toSQL();
}

export interface InboxPage {
  messages: UnreadMessage[];
  total: number;
}

/** Everything /inbox renders: two statements, whatever the number of unread messages. */
export function loadInbox(userId: number, before?: number): InboxPage {
  return { messages: unreadFor(userId, { before }), total: unreadCountFor(userId) };
}
