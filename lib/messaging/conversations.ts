import "server-only";
import { eq, type SQL, sql } from "drizzle-orm";
import { preparedRow, preparedSqlRows } from "@/db/prepared";
import { pinnedJoin, rows } from "@/db/query";
import { messages, users } from "@/db/schema";
import type { AttachmentView } from "@/lib/files/views";
import { NotFoundError } from "@/lib/platform/result";
import { withReactions } from "@/lib/reactions/load";
import type { ReactionSummary } from "@/lib/reactions/summary";
import { unreadBy, unreadByItsReceiver } from "@/lib/unread/inbox";

export const PAGE_SIZE = 50;

/** What every view of a message shows, in a conversation or a thread. */
export interface MessageView {
  id: number;
  senderId: number;
  senderName: string;
  /** The receiver of a direct message; null in a room. */
  receiverId: number | null;
  content: string;
  createdAt: number;
  edited: boolean;
  read: boolean;
  deleted: boolean;
  /** Its files, when it has any (lib/files/views.ts adds them in one statement per page). */
  attachments?: AttachmentView[];
  /** Who reacted with what; loaded with every view (a message just sent has none yet). */
  reactions?: ReactionSummary[];
}

export interface ConversationMessage extends MessageView {
  editedAt: number | null;
  /**
   * When the receiver read it, shown to its sender as "Seen" only while both send read
   * receipts (lib/unread/read-receipts.ts); null otherwise.
   */
  readAt?: number | null;
  replyCount: number;
  /**
   * Unread replies in the message's thread (any depth), counted for each participant: those
   * received by the message's sender and those received by its receiver. The page stays the
   * same for both participants (cacheable per conversation); each viewer reads their own.
   */
  unreadRepliesToSender: number;
  unreadRepliesToReceiver: number;
}

/** The other participant of a conversation, as its header shows them. */
export interface ColleagueRef {
  id: number;
  name: string;
  /** Deactivated by an admin: shown "(deactivated)", and cannot be sent messages. */
  deactivated: boolean;
}

export interface Conversation {
  other: ColleagueRef;
  messages: ConversationMessage[];
  hasOlder: boolean;
}

/** A message as raw SQL returns it, with its sender's name joined in. */
export interface MessageViewRow {
  id: number;
  sender_id: number;
  sender_name: string;
  receiver_id: number | null;
  content: string;
  created_at: number;
  /** 0/1 in SQLite, a boolean in PostgreSQL. */
  edited: number | boolean;
  read: number | boolean;
  deleted_at: number | null;
}

export function toMessageView(row: MessageViewRow): MessageView {
  return {
    id: row.id,
    senderId: row.sender_id,
    senderName: row.sender_name,
    receiverId: row.receiver_id,
    content: row.content,
    createdAt: row.created_at,
    edited: Boolean(row.edited),
    read: Boolean(row.read),
    deleted: row.deleted_at !== null,
  };
}

interface MessageRow extends MessageViewRow {
  edited_at: number | null;
  read_at: number | null;
  reply_count: number;
  unread_to_sender: number;
  unread_to_receiver: number;
}

/** The other participant of a conversation: the existence check in front of its cache. */
export async function findColleague(otherId: number): Promise<ColleagueRef> {
  // With every conversation opened: prepared once (db/prepared.ts).
  const other = await preparedRow<{ id: number; name: string; deactivatedAt: number | null }>(
    "find-colleague",
    (on) =>
      on
        .select({ id: users.id, name: users.name, deactivatedAt: users.deactivatedAt })
        .from(users)
        .where(eq(users.id, sql.placeholder("id"))),
    { id: otherId },
  );
  if (!other) throw new NotFoundError("No such colleague");
  return { id: other.id, name: other.name, deactivated: other.deactivatedAt !== null };
}

/**
 * The other participant, and whether read receipts show between them and the viewer (both
 * send them): ONE statement, in place of findColleague, with every conversation opened.
 */
export async function findColleagueFor(
  viewerId: number,
  otherId: number,
): Promise<{ other: ColleagueRef; receipts: boolean }> {
  const [found] = await preparedSqlRows<{
    id: number;
    name: string;
    deactivated_at: number | null;
    receipts: number | boolean;
  }>(
    "find-colleague-for",
    () => sql`
      select u.id, u.name, u.deactivated_at,
        case when u.read_receipts and v.read_receipts then 1 else 0 end as receipts
      from users u cross join users v
      where u.id = ${sql.placeholder("otherId")} and v.id = ${sql.placeholder("viewerId")}`,
    { otherId, viewerId },
  );
  if (!found) throw new NotFoundError("No such colleague");
  const other = { id: found.id, name: found.name, deactivated: found.deactivated_at !== null };
  return { other, receipts: Number(found.receipts) === 1 };
}

/** The page as `viewerId` may see it without read receipts: their sent messages never "read". */
export function withoutReadReceipts<P extends { messages: ConversationMessage[] }>(
  page: P,
  viewerId: number,
): P {
  const masked = page.messages.map((m) =>
    m.senderId === viewerId && m.receiverId !== viewerId ? { ...m, read: false, readAt: null } : m,
  );
  return { ...page, messages: masked };
}

export interface ConversationPage {
  messages: ConversationMessage[];
  hasOlder: boolean;
}

/**
 * One page of the conversation between users `a` and `b` (in either order): top-level
 * messages, oldest to newest, each with its sender's name and the number of replies in its
 * thread at any depth, in ONE statement (and one more for their reactions). It depends only on the pair, never on who asks,
 * so it can be cached per conversation. `before` is a message id: the page then holds
 * the messages older than it.
 */
export async function conversationPage(
  a: number,
  b: number,
  { before, limit = PAGE_SIZE }: { before?: number; limit?: number } = {},
): Promise<ConversationPage> {
  const cursor = before
    ? sql`and (m.created_at, m.id) < (select created_at, id from messages where id = ${before})`
    : sql``;
  // One branch per direction, each read in order from messages_conversation_idx and
  // limited, then merged: no sort of the whole conversation. Notes to self have one.
  const direction = (from: number, to: number) =>
    subquery(sql`
      select m.id, m.sender_id, m.receiver_id, m.content, m.created_at, m.edited,
             m.edited_at, m.read, m.read_at, m.deleted_at
      from messages m
      where m.sender_id = ${from} and m.receiver_id = ${to} and m.parent_message_id is null
        ${cursor}
      order by m.created_at desc, m.id desc
      limit ${limit + 1}`);
  const found = await rows<MessageRow>(sql`
    with recursive page as (
      ${direction(a, b)}
      ${a === b ? sql`` : sql`union all ${direction(b, a)}`}
      order by created_at desc, id desc
      limit ${limit + 1}
    ),
    descendants(root_id, id, receiver_id, unread) as (
      select p.id, r.id, r.receiver_id, ${unreadByItsReceiver("r")}
      from page p ${pinnedJoin()} messages r on r.parent_message_id = p.id
      union all
      select d.root_id, r.id, r.receiver_id, ${unreadByItsReceiver("r")}
      from descendants d ${pinnedJoin()} messages r on r.parent_message_id = d.id
    ),
    reply_counts as (
      select d.root_id, count(*) as reply_count,
        sum(case when d.unread = 1 and d.receiver_id = p.sender_id then 1 else 0 end)
          as unread_to_sender,
        sum(case when d.unread = 1 and d.receiver_id <> p.sender_id then 1 else 0 end)
          as unread_to_receiver
      from descendants d join page p on p.id = d.root_id
      group by d.root_id
    )
    select p.*, u.name as sender_name, coalesce(rc.reply_count, 0) as reply_count,
      coalesce(rc.unread_to_sender, 0) as unread_to_sender,
      coalesce(rc.unread_to_receiver, 0) as unread_to_receiver
    from page p
    ${pinnedJoin()} users u on u.id = p.sender_id
    left join reply_counts rc on rc.root_id = p.id
    order by p.created_at, p.id
  `);
  const hasOlder = found.length > limit;
  const pageRows = hasOlder ? found.slice(1) : found;
  return { messages: await withReactions(pageRows.map(toConversationMessage)), hasOlder };
}

/**
 * A limited, ordered SELECT as one branch of a UNION. A derived table (aliased: PostgreSQL
 * before 16 requires it) rather than a parenthesized SELECT, which PostgreSQL refuses
 * ("multiple ORDER BY clauses") when a note-to-self page has a single branch.
 */
function subquery(query: SQL): SQL {
  return sql`select * from (${query}) as branch`;
}

function toConversationMessage(row: MessageRow): ConversationMessage {
  return {
    ...toMessageView(row),
    editedAt: row.edited_at,
    readAt: row.read_at === null ? null : Number(row.read_at),
    replyCount: Number(row.reply_count),
    unreadRepliesToSender: Number(row.unread_to_sender),
    unreadRepliesToReceiver: Number(row.unread_to_receiver),
  };
}

export interface Colleague {
  id: number;
  name: string;
  /** Deactivated by an admin: shown "(deactivated)", and cannot be sent messages. */
  deactivated: boolean;
  isSelf: boolean;
  lastMessage: string | null;
  lastMessageAt: number | null;
  lastFromMe: boolean;
  unread: number;
}

/** Everyone the user can message, most recent conversation first: one statement. */
export async function listColleagues(userId: number): Promise<Colleague[]> {
  const found = await rows<{
    id: number;
    name: string;
    content: string | null;
    created_at: number | null;
    sender_id: number | null;
    unread: number;
    deactivated_at: number | null;
  }>(sql`
    select u.id, u.name, u.deactivated_at, m.content, m.created_at, m.sender_id,
      (select count(*) from ${messages}
        where ${unreadBy(userId)} and ${messages.senderId} = u.id) as unread
    from users u
    left join messages m on m.id = (
      select id from messages
      where deleted_at is null
        and ((sender_id = ${userId} and receiver_id = u.id)
          or (sender_id = u.id and receiver_id = ${userId}))
      order by created_at desc, id desc
      limit 1
    )
    order by u.id != ${userId}, m.created_at is null, m.created_at desc, lower(u.name)
  `);
  return found.map((row) => ({
    id: row.id,
    name: row.name,
    deactivated: row.deactivated_at !== null,
    isSelf: row.id === userId,
    lastMessage: row.content,
    lastMessageAt: row.created_at,
    lastFromMe: row.sender_id === userId,
    unread: row.unread,
  }));
}
