import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { atomic, findRow } from "@/db/events";
import { firstRow, inIds, perDialect, pinnedJoin, rows } from "@/db/query";
import { type Message, messages } from "@/db/schema";
import { prepareContent } from "@/lib/mentions/prepare";
import { fail, NotFoundError, type Result } from "@/lib/platform/result";
import { parse, replySchema } from "@/lib/platform/validation";
import { withReactions } from "@/lib/reactions/load";
import { canReadMessage, writableRoom } from "@/lib/rooms/access";
import { sendRoomMessage } from "@/lib/rooms/room-messages";
import { type MessageViewRow, toMessageView } from "./conversations";
import { deactivated, findMessage, isParticipant, sendMessage, storeMessage } from "./messages";
import type { ThreadMessage } from "./subthread";

export type { ThreadMessage } from "./subthread";

/** Far deeper than any real discussion; it only stops runaway recursion. */
export const MAX_THREAD_DEPTH = 10_000;

interface ThreadRow extends MessageViewRow {
  parent_message_id: number | null;
  depth: number;
}

/**
 * THE climb from messages to the roots of their threads, as the CTE
 * `up(origin, id, parent_id, steps)`: one row per step from each message (`origin`) up to
 * its root (the row whose `parent_id` is null).
 */
function climbFrom(start: SQL) {
  return sql`
    up(origin, id, parent_id, steps) as (
      select id, id, parent_message_id, 0 from messages where ${start}
      union all
      select up.origin, m.id, m.parent_message_id, up.steps + 1
      from up ${pinnedJoin()} messages m on m.id = up.parent_id
      where up.steps < ${MAX_THREAD_DEPTH}
    )`;
}

/** The CTE `root`: the root of the thread of `messageId`, if `viewerId` takes part in it. */
function rootOf(viewerId: number, messageId: number) {
  return sql`
    ${climbFrom(sql`id = ${messageId}`)},
    root as (
      select m.id from up ${pinnedJoin()} messages m on m.id = up.id
      where up.parent_id is null and ${canReadMessage("m", viewerId)}
    )`;
}

/** For each given message that exists, the root of its thread: one statement. */
export async function threadRootMap(messageIds: number[]): Promise<Map<number, number>> {
  if (messageIds.length === 0) return new Map();
  const found = await rows<{ origin: number; root: number }>(sql`
    with recursive ${climbFrom(inIds(messages.id, [...new Set(messageIds)]))}
    select origin, id as root from up where parent_id is null`);
  return new Map(found.map((row) => [row.origin, row.root]));
}

/**
 * Walks down from the `root` CTE: every reply at every depth, in depth-first order. The
 * CROSS JOINs pin the join order (SQLite's planner otherwise scans `messages` with an
 * automatic index): each step looks up the children of the rows found so far by
 * messages_parent_idx, so the cost follows the thread, not the table.
 */
function threadFrom(rootCte: SQL) {
  const { rootPath, childPath } = threadPath();
  return sql`
    with recursive ${rootCte},
      thread(id, depth, path) as (
        select id, 0, ${rootPath} from root
        union all
        select m.id, t.depth + 1, ${childPath}
        from thread t ${pinnedJoin()} messages m on m.parent_message_id = t.id
        where t.depth < ${MAX_THREAD_DEPTH}
      )
    select m.id, m.parent_message_id, coalesce(m.sender_id, 0) as sender_id,
           coalesce(u.name, 'Deleted account') as sender_name, m.receiver_id,
           m.content, m.created_at, m.edited, m.read, m.deleted_at, t.depth
    from thread t
    ${pinnedJoin()} messages m on m.id = t.id
    left join users u on u.id = m.sender_id
    order by t.path`;
}

/**
 * The sort key of a message in its thread: the ids from the root down, each a fixed-width
 * big-endian unit, so plain comparison sorts siblings by id at every depth. SQLite builds
 * text of zero-padded ids; PostgreSQL bytes of 4-byte ids (sorting an integer array was
 * three times slower).
 */
function threadPath() {
  return perDialect({
    sqlite: () => ({
      rootPath: sql`printf('%012d', id)`,
      childPath: sql`t.path || '/' || printf('%012d', m.id)`,
    }),
    postgres: () => ({ rootPath: sql`int4send(id)`, childPath: sql`t.path || int4send(m.id)` }),
  });
}

/**
 * The root of the thread `messageId` belongs to, if `viewerId` takes part in it: the
 * authorization step in front of the cached thread (one statement).
 */
export async function findThreadRoot(viewerId: number, messageId: number): Promise<number> {
  const row = await firstRow<{ id: number }>(
    sql`with recursive ${rootOf(viewerId, messageId)} select id from root`,
  );
  if (!row) throw new NotFoundError("No such thread");
  return row.id;
}

/** The thread under a known root, for anyone already authorized (what the cache stores). */
export async function loadThreadFromRoot(rootId: number): Promise<ThreadMessage[]> {
  const root = sql`root as (select id from messages where id = ${rootId} and parent_message_id is null)`;
  return withReactions((await rows<ThreadRow>(threadFrom(root))).map(toThreadMessage));
}

function toThreadMessage(row: ThreadRow): ThreadMessage {
  return { ...toMessageView(row), parentId: row.parent_message_id, depth: row.depth };
}

/**
 * Replies to a message. The reply belongs to the parent's conversation: its receiver is
 * the other participant. Only participants may reply, and never to a tombstone.
 */
export async function replyToMessage(userId: number, input: unknown): Promise<Result<Message>> {
  const parsed = parse(replySchema, input);
  if (!parsed.ok) return parsed;
  const { parentMessageId, content, receiverId, idempotencyKey, attachmentIds } = parsed.data;
  // One transaction: the parent cannot be deleted between the check and the reply.
  return atomic(async (): Promise<Result<Message>> => {
    const parent = await findMessage(parentMessageId);
    // A room message's readers are the room's: replyInRoom checks them.
    if (!parent || (parent.roomId === null && !isParticipant(parent, userId))) {
      return fail("not_found", "The message you are replying to does not exist.");
    }
    if (parent.deletedAt !== null) {
      return fail("invalid", "That message was deleted, so it cannot be replied to.");
    }
    if (parent.roomId !== null) return replyInRoom(userId, parent, parent.roomId, parsed.data);
    const otherParticipant = (
      parent.senderId === userId ? parent.receiverId : parent.senderId
    ) as number;
    if (receiverId !== undefined && receiverId !== otherParticipant) {
      return fail("invalid", "That message belongs to another conversation.");
    }
    if (otherParticipant !== userId) {
      const receiver = await findRow("users", otherParticipant);
      if (receiver && receiver.deactivatedAt !== null) return deactivated(receiver);
    }
    const prepared = await prepareContent(content, { participants: [userId, otherParticipant] });
    if (!prepared.ok) return prepared;
    return storeMessage({
      senderId: userId,
      receiverId: otherParticipant,
      content: prepared.data,
      parentMessageId,
      idempotencyKey,
      attachmentIds,
    });
  });
}

/**
 * A reply in a room: in its parent's room, written by a member of it while it is not
 * archived. Someone who may not read the room learns nothing of the parent.
 */
async function replyInRoom(
  userId: number,
  parent: Message,
  roomId: number,
  input: {
    content: string;
    receiverId?: number;
    idempotencyKey?: string;
    attachmentIds?: number[];
  },
): Promise<Result<Message>> {
  const room = await writableRoom(userId, roomId);
  if (!room.ok) {
    return room.code === "not_found"
      ? fail("not_found", "The message you are replying to does not exist.")
      : room;
  }
  if (input.receiverId !== undefined) {
    return fail("invalid", "That message belongs to another conversation.");
  }
  const prepared = await prepareContent(input.content, {
    roomId,
    role: room.data.membership.role,
  });
  if (!prepared.ok) return prepared;
  return storeMessage({
    senderId: userId,
    receiverId: null,
    roomId,
    content: prepared.data,
    parentMessageId: parent.id,
    idempotencyKey: input.idempotencyKey,
    attachmentIds: input.attachmentIds,
  });
}

/** One entry point for the JSON API: a reply when a parent is given, else a new message. */
export function sendOrReply(userId: number, input: unknown): Promise<Result<Message>> {
  const has = (key: string) => typeof input === "object" && input !== null && key in input;
  if (has("parentMessageId")) return replyToMessage(userId, input);
  return has("roomId") ? sendRoomMessage(userId, input) : sendMessage(userId, input);
}
