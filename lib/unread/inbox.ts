import "server-only";
import { and, count, desc, eq, isNull, lt, ne, or, type Placeholder, sql } from "drizzle-orm";
import { db } from "@/db/query";
import { messages, users } from "@/db/schema";
import { PREVIEW_SOURCE_LENGTH, previewsOf } from "@/lib/platform/markdown/plain-text";

/** The message text a preview reads, its Markdown to be stripped by previewsOf. */
export const SNIPPET_SOURCE = sql<string>`substr(${messages.content}, 1, ${PREVIEW_SOURCE_LENGTH})`;

/** A user's id, or a placeholder for it in a statement prepared once (db/prepared.ts). */
type UserRef = number | Placeholder;

/**
 * THE rule of "unread", in one place: messages the user received and has not read, never
 * their own and never tombstones. Every unread list and count is built on it (the inbox,
 * the navigation badges, the colleague list); lib/unread/rule.ts mirrors it for the client.
 * It matches the partial index messages_unread_idx (receiver_id, created_at) WHERE read =
 * false, which serves it.
 */
export function unreadBy(userId: UserRef) {
  return and(
    eq(messages.receiverId, userId),
    eq(messages.read, false),
    ne(messages.senderId, userId),
    isNull(messages.deletedAt),
  );
}

/**
 * The same rule in raw SQL, for a message row aliased `alias` and its own receiver: 1 when
 * unread, else 0 (the conversation's unread-reply counts). tests/unread-rule.test.ts checks
 * it against the client's rule.
 */
export function unreadByItsReceiver(alias: "r") {
  const m = sql.raw(alias);
  return sql`case when not ${m}.read and ${m}.deleted_at is null and ${m}.sender_id <> ${m}.receiver_id
    then 1 else 0 end`;
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
): Promise<UnreadMessage[]> {
  const cursor = before
    ? or(
        lt(messages.createdAt, sql`(select created_at from messages where id = ${before})`),
        and(
          eq(messages.createdAt, sql`(select created_at from messages where id = ${before})`),
          lt(messages.id, before),
        ),
      )
    : undefined;
  return db()
    .select({
      id: messages.id,
      senderId: messages.senderId,
      senderName: users.name,
      snippet: SNIPPET_SOURCE,
      createdAt: messages.createdAt,
      parentMessageId: messages.parentMessageId,
    })
    .from(messages)
    .innerJoin(users, eq(users.id, messages.senderId))
    .where(and(unreadBy(userId), cursor))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit)
    .then(previewsOf);
}

/**
 * The unread count (of every sender, or of `senderId` only) as a subquery, for statements
 * that read several counts at once.
 */
export function unreadCountQuery(userId: UserRef, senderId?: UserRef) {
  const from = senderId === undefined ? undefined : eq(messages.senderId, senderId);
  return db()
    .select({ count: count() })
    .from(messages)
    .where(and(unreadBy(userId), from));
}

export async function unreadCountFor(userId: number): Promise<number> {
  const [row] = await unreadCountQuery(userId);
  return Number(row?.count ?? 0);
}

/** The SQL of the unread list, for EXPLAIN QUERY PLAN in tests and benchmarks. */
export function unreadQuery(userId: number) {
  return db()
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
export async function loadInbox(userId: number, before?: number): Promise<InboxPage> {
  return { messages: await unreadFor(userId, { before }), total: await unreadCountFor(userId) };
}
