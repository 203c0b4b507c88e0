import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import { updateWhere } from "@/db/events";
import { pinnedJoin, rows } from "@/db/query";
import { type Message, type Room, type RoomMember, roomMembers } from "@/db/schema";
import { withAttachments } from "@/lib/files/views";
import { prepareContent } from "@/lib/mentions/prepare";
import type { ConversationMessage, MessageViewRow } from "@/lib/messaging/conversations";
import { PAGE_SIZE, toMessageView } from "@/lib/messaging/conversations";
import { storeMessage } from "@/lib/messaging/messages";
import { cachedLoader, roomTag } from "@/lib/platform/cache";
import { NotFoundError, type Result } from "@/lib/platform/result";
import { parse } from "@/lib/platform/validation";
import { withReactions } from "@/lib/reactions/load";
import { unreadInRoom } from "@/lib/unread/room-unread";
import { readableRoom, writableRoom } from "./access";
import { sendRoomMessageSchema } from "./schemas";
import { ROOM_WATCH_MS } from "./watching";

/**
 * Sends a message into a room the sender is a member of. Its cost does not depend on the
 * room's size: the access check (one statement), resolving mentions (one statement when
 * there are any, one more for `@room`) and the insert. Only the mentioned are notified (in
 * one statement, lib/mentions/notify.ts); unread is each member's read position, and live
 * delivery is one event for the room.
 */
export async function sendRoomMessage(senderId: number, input: unknown): Promise<Result<Message>> {
  const parsed = parse(sendRoomMessageSchema, input);
  if (!parsed.ok) return parsed;
  const { roomId, content, idempotencyKey, attachmentIds } = parsed.data;
  const access = await writableRoom(senderId, roomId);
  if (!access.ok) return access;
  const prepared = await prepareContent(content, {
    roomId,
    role: access.data.membership.role,
  });
  if (!prepared.ok) return prepared;
  return storeMessage({
    senderId,
    receiverId: null,
    roomId,
    content: prepared.data,
    parentMessageId: null,
    idempotencyKey,
    attachmentIds,
  });
}

/** Who wrote a tombstone whose author deleted their account (shown as the sender, with no id). */
export const DELETED_ACCOUNT = "Deleted account";

export interface RoomPage {
  messages: ConversationMessage[];
  hasOlder: boolean;
}

interface RoomMessageRow extends MessageViewRow {
  edited_at: number | null;
  reply_count: number;
}

/**
 * One page of a room: top-level messages, oldest to newest, with senders' names and reply
 * counts at any depth, in ONE statement read from messages_room_idx (one more: reactions). Depends only on the
 * room, never on who asks: cached per room. `before` is a message id (ids order a room).
 */
export async function roomPage(
  roomId: number,
  { before, limit = PAGE_SIZE }: { before?: number; limit?: number } = {},
): Promise<RoomPage> {
  const cursor = before ? sql`and m.id < ${before}` : sql``;
  const found = await rows<RoomMessageRow>(sql`
    with recursive page as (
      select m.id, m.sender_id, m.receiver_id, m.content, m.created_at, m.edited,
             m.edited_at, m.read, m.deleted_at
      from messages m
      where m.room_id = ${roomId} and m.parent_message_id is null ${cursor}
      order by m.id desc
      limit ${limit + 1}
    ),
    descendants(root_id, id) as (
      select p.id, r.id from page p ${pinnedJoin()} messages r on r.parent_message_id = p.id
      union all
      select d.root_id, r.id from descendants d ${pinnedJoin()} messages r on r.parent_message_id = d.id
    ),
    reply_counts as (select root_id, count(*) as reply_count from descendants group by root_id)
    select p.id, coalesce(p.sender_id, 0) as sender_id, p.receiver_id, p.content,
      p.created_at, p.edited, p.edited_at, p.read, p.deleted_at,
      coalesce(u.name, ${DELETED_ACCOUNT}) as sender_name,
      coalesce(rc.reply_count, 0) as reply_count
    from page p
    left join users u on u.id = p.sender_id
    left join reply_counts rc on rc.root_id = p.id
    order by p.id`);
  const hasOlder = found.length > limit;
  const pageRows = hasOlder ? found.slice(1) : found;
  return {
    messages: await withReactions(
      pageRows.map((row) => ({
        ...toMessageView(row),
        editedAt: row.edited_at,
        replyCount: Number(row.reply_count),
        unreadRepliesToSender: 0,
        unreadRepliesToReceiver: 0,
      })),
    ),
    hasOlder,
  };
}

const cachedRoomPage = cachedLoader(
  "room-page",
  async (roomId: number, before: number | undefined) => {
    const page = await roomPage(roomId, { before });
    return { ...page, messages: await withAttachments(page.messages) };
  },
  (roomId) => roomTag(roomId),
);

export interface RoomView extends RoomPage {
  room: Room;
  membership: RoomMember | null;
}

/**
 * A room as the viewer sees it: authorized first (a private room of others is a
 * NotFoundError), then its page through the cache, keyed and tagged by the room alone.
 */
export async function roomFor(
  viewerId: number,
  roomId: number,
  before?: number,
): Promise<RoomView> {
  const { room, membership } = await readableRoom(viewerId, roomId);
  return { room, membership, ...(await cachedRoomPage(roomId, before)) };
}

/**
 * Moves the member's read position to the room's newest message (opening the room, or
 * reading what arrives in it). With `watching`, also starts (true) or ends (false) the
 * member's watch of the room (./watching.ts). One statement when the position is already
 * there and no watch is asked, two otherwise; a NotFoundError for anyone who is not a
 * member, as for a room they cannot see.
 */
export async function markRoomRead(
  userId: number,
  roomId: number,
  watching?: boolean,
): Promise<void> {
  const [member] = await rows<{ position: number; newest: number | null }>(
    sql`select last_read_message_id as position,
          (select max(id) from messages where room_id = ${roomId}) as newest
        from room_members where room_id = ${roomId} and user_id = ${userId}`,
  );
  if (!member) throw new NotFoundError();
  const newest = Number(member.newest ?? 0);
  const watch =
    watching === undefined ? {} : { watchingUntil: watching ? Date.now() + ROOM_WATCH_MS : null };
  const mine = and(eq(roomMembers.roomId, roomId), eq(roomMembers.userId, userId));
  // Guarded: a send since the select may have moved a watching member's position further.
  const moved =
    newest > Number(member.position) &&
    (
      await updateWhere("room_members", and(mine, lt(roomMembers.lastReadMessageId, newest)), {
        lastReadMessageId: newest,
        ...watch,
      })
    ).length > 0;
  if (!moved && watching !== undefined) await updateWhere("room_members", mine, watch);
}

export interface SidebarRoom {
  id: number;
  name: string;
  kind: "open" | "private";
  archived: boolean;
  muted: boolean;
  /** Unread messages after the read position; 0 when muted. */
  unread: number;
}

/** The viewer's rooms with their unread counts (the sidebar): one statement. */
export async function myRooms(userId: number): Promise<SidebarRoom[]> {
  const found = await rows<{
    id: number;
    name: string;
    kind: "open" | "private";
    archived_at: number | null;
    muted: number | boolean;
    unread: number;
  }>(sql`
    select r.id, r.name, r.kind, r.archived_at, rm.muted,
      case when rm.muted then 0 else
        (select count(*) from messages m where ${unreadInRoom("m", "rm")}) end as unread
    from room_members rm join rooms r on r.id = rm.room_id
    where rm.user_id = ${userId}
    order by lower(r.name)`);
  return found.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    archived: row.archived_at !== null,
    muted: Boolean(row.muted),
    unread: Number(row.unread),
  }));
}
