import "server-only";
import { and, count, desc, eq, isNull, ne, type Placeholder, type SQL, sql } from "drizzle-orm";
import { db, rows } from "@/db/query";
import { messages } from "@/db/schema";
import { PREVIEW_SOURCE_LENGTH, previewsOf } from "@/lib/platform/markdown/plain-text";
import { unreadInRoom, unreadInRoomsCount } from "./room-unread";

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
  /** The room of a room message; null for a direct message. */
  roomId: number | null;
  roomName: string | null;
}

export const INBOX_PAGE = 50;

interface UnreadRow {
  id: number;
  sender_id: number;
  sender_name: string;
  snippet: string;
  created_at: number;
  parent_message_id: number | null;
  room_id: number | null;
  room_name: string | null;
}

/**
 * One list of what the user has not read, newest first: direct messages (`unreadBy`) and
 * room messages after their read positions (`unreadInRoom`, muted rooms left out), only the
 * columns the inbox renders, in ONE statement. Each half is ordered and limited by its own
 * index before the two meet. `before` is a cursor: the id of the last message of the
 * previous page.
 */
export async function unreadFor(
  userId: number,
  { limit = INBOX_PAGE, before }: { limit?: number; before?: number } = {},
): Promise<UnreadMessage[]> {
  const after = (alias: string) => {
    if (!before) return sql``;
    const m = sql.raw(alias);
    const at = sql`(select created_at from messages where id = ${before})`;
    return sql`and (${m}.created_at < ${at} or (${m}.created_at = ${at} and ${m}.id < ${before}))`;
  };
  const found = await rows<UnreadRow>(sql`
    select * from (
      select messages.id, messages.sender_id, users.name as sender_name,
        ${SNIPPET_SOURCE} as snippet, messages.created_at, messages.parent_message_id,
        cast(null as integer) as room_id, cast(null as text) as room_name
      from messages join users on users.id = messages.sender_id
      where ${unreadBy(userId)} ${after("messages")}
      order by messages.created_at desc, messages.id desc
      limit ${limit}
    ) direct
    union all
    select * from (
      select m.id, m.sender_id, u.name as sender_name,
        substr(m.content, 1, ${PREVIEW_SOURCE_LENGTH}) as snippet, m.created_at,
        m.parent_message_id, r.id as room_id, r.name as room_name
      from room_members rm
      join rooms r on r.id = rm.room_id
      join messages m on ${unreadInRoom("m", "rm")}
      join users u on u.id = m.sender_id
      where rm.user_id = ${userId} and not rm.muted ${after("m")}
      order by m.created_at desc, m.id desc
      limit ${limit}
    ) in_rooms
    order by created_at desc, id desc
    limit ${limit}`);
  return previewsOf(
    found.map((row) => ({
      id: Number(row.id),
      senderId: Number(row.sender_id),
      senderName: row.sender_name,
      snippet: row.snippet,
      createdAt: Number(row.created_at),
      parentMessageId: row.parent_message_id === null ? null : Number(row.parent_message_id),
      roomId: row.room_id === null ? null : Number(row.room_id),
      roomName: row.room_name,
    })),
  );
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

/**
 * What the inbox counts (its total, the navigation badge, the tab title): unread direct
 * messages and unread messages of rooms not muted, as one SQL expression.
 */
export function inboxCount(userId: UserRef): SQL {
  return sql`((${unreadCountQuery(userId)}) + ${unreadInRoomsCount(userId)})`;
}

export async function unreadCountFor(userId: number): Promise<number> {
  const [row] = await rows<{ count: number }>(sql`select ${inboxCount(userId)} as count`);
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

/**
 * Everything /inbox renders: two statements, whatever the number of unread messages and
 * rooms.
 */
export async function loadInbox(userId: number, before?: number): Promise<InboxPage> {
  return { messages: await unreadFor(userId, { before }), total: await unreadCountFor(userId) };
}
