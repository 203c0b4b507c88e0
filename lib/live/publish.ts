import "server-only";
import { type CommittedEvent, findRow } from "@/db/events";
import type { Message, Notification, Session } from "@/db/schema";
import { type MessageRef, type Touched, touchedBy } from "@/lib/messaging/touched";
import { sendingReceipts } from "@/lib/unread/read-receipts";
import { liveBus } from "./bus";
import {
  messageChanged,
  notificationChanged,
  readChanged,
  roomChanged,
  sessionEnded,
} from "./events";
import { liveMessagesOf, withCounts } from "./payload";
import type { LiveEventData, LiveMessage, MessageChanged, ReadChanged } from "./types";

/**
 * What every participant's event carries beyond the ids (see LiveEventData). `counts`: the
 * write may carry each recipient's counts. They come only when it touched one conversation
 * (a save, marking what is on screen read): across many (mark all read) one counts
 * statement per recipient would grow with them, and the client refetches its own, once.
 */
type Payload = Pick<MessageChanged, "messages"> &
  Pick<ReadChanged, "read" | "readAt"> & { counts: boolean };

/**
 * Tells both participants of each touched conversation what happened to its messages,
 * with what they need to show it: the saved message, the new read state, their counts.
 * Hard deletes carry no message: the client refetches what it shows. `touched` comes from
 * the after-commit fan-out (lib/messaging/after-commit.ts).
 */
export async function publishMessageEvent(
  event: CommittedEvent<"messages">,
  touched?: Touched,
): Promise<void> {
  const { rootOf } = touched ?? (await touchedBy(event));
  if (event.kind === "save") {
    const type = saveType(event);
    if (type === "read.changed") {
      // The read state alone changed: that is the payload. Anything more is refetched.
      const { previous, instance } = event;
      const readOnly =
        previous?.content === instance.content && previous.deletedAt === instance.deletedAt;
      const payload = readOnly ? { read: instance.read, readAt: instance.readAt } : {};
      return publishFor([instance], rootOf, type, { ...payload, counts: true });
    }
    const messages = await liveMessagesOf([event.instance]);
    return publishFor([event.instance], rootOf, type, {
      ...(messages ? { messages } : {}),
      counts: true,
    });
  }
  if (event.kind === "delete") {
    return publishFor([event.instance], rootOf, "message.deleted", { counts: true });
  }
  if (event.kind === "bulkUpdate") {
    const { read, readAt, ...other } = event.changes;
    const readOnly = read !== undefined && Object.keys(other).length === 0;
    return publishFor(event.rows, rootOf, "read.changed", {
      ...(readOnly ? { read, readAt: readAt ?? null } : {}),
      counts: true,
    });
  }
  // An account's deletion: the people it talked with refetch their counts.
  return publishFor(event.rows, rootOf, "message.deleted", { counts: false });
}

function saveType(event: {
  instance: Message;
  previous?: Message;
  created: boolean;
}): MessageChanged["type"] | "read.changed" {
  if (event.created) return "message.created";
  if (event.previous?.read !== event.instance.read) return "read.changed";
  if (event.instance.deletedAt !== null) return "message.deleted";
  return "message.updated";
}

/** Above this many notifications in one INSERT ... SELECT, none is published one by one. */
export const LIVE_NOTIFICATION_FAN_OUT = 100;

/** A user's notification list or count changed. */
export async function publishNotificationEvent(
  event: CommittedEvent<"notifications">,
): Promise<void> {
  // A new notification comes with its new message, whose event already carries the
  // receiver's counts (this notification included) and refreshes the notification list.
  if (event.kind === "save" && event.created) return;
  const rows: Notification[] = "rows" in event ? event.rows : [event.instance];
  // An @room fan-out to a whole room: its members hear the room's own event; one publish
  // per member would make a send's cost grow with the room. Their badges catch up when
  // their counts are next read.
  if (event.kind === "bulkInsert" && rows.length > LIVE_NOTIFICATION_FAN_OUT) return;
  const byUser = new Map<number, number[]>();
  for (const row of rows)
    byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.messageId]);
  // A bulk change across users (an account's deletion) lets each client refetch its counts:
  // one counts statement per user would grow with them. Reading messages is one user's.
  const counted = byUser.size === 1;
  for (const [userId, messageIds] of byUser) {
    const data = notificationChanged(messageIds);
    await liveBus().publish(userId, counted ? await withCounts(userId, data) : data);
  }
}

async function publishFor(
  rows: MessageRef[],
  rootOf: Touched["rootOf"],
  type: MessageChanged["type"] | "read.changed",
  payload: Payload,
): Promise<void> {
  const inRooms = rows.filter((row) => row.roomId !== null);
  if (inRooms.length > 0) await publishForRooms(inRooms, rootOf, type, payload.messages);
  // One event per user and conversation, however many rows a bulk write touched.
  const groups = new Map<string, { userId: number; other: number; rows: MessageRef[] }>();
  for (const row of rows) {
    // Room messages went above; a direct message always has its sender.
    if (row.receiverId === null || row.senderId === null) continue;
    const audience: [number, number][] = [[row.senderId, row.receiverId]];
    if (row.receiverId !== row.senderId) audience.push([row.receiverId, row.senderId]);
    for (const [userId, other] of audience) {
      const key = `${userId}:${other}`;
      const group = groups.get(key) ?? { userId, other, rows: [] };
      group.rows.push(row);
      groups.set(key, group);
    }
  }
  // Both participants of one conversation at most: a bounded number of counts statements.
  const counted = payload.counts && groups.size <= 2;
  const receipts = type === "read.changed" ? await receiptsAmong(groups.values()) : undefined;
  for (const { userId, other, rows: groupRows } of groups.values()) {
    const roots = new Set(groupRows.map(rootOf).filter((root) => root !== undefined));
    const ids = new Set(groupRows.map((r) => r.id));
    // Only this conversation's messages: a bulk write may span several.
    const messages = payload.messages?.filter((m) => ids.has(m.id));
    const conversation = {
      conversationWith: other,
      messageIds: [...ids],
      threadRootIds: [...roots],
    };
    const data: LiveEventData =
      type === "read.changed"
        ? readChanged(conversation, payload.read, payload.readAt)
        : messageChanged(type, conversation, messages);
    // Unread counts are of messages received: what happens to one's own sent messages
    // (sending, the receiver reading them) cannot change them.
    const sentByThem = groupRows.every((r) => r.senderId === userId);
    // Their messages read: news for them only while both send read receipts.
    if (receipts && sentByThem && userId !== other) {
      if (!receipts.has(userId) || !receipts.has(other)) continue;
    }
    await liveBus().publish(
      userId,
      sentByThem && userId !== other
        ? { ...data, countsUnchanged: true }
        : counted
          ? await withCounts(userId, data)
          : data,
    );
  }
}

/**
 * Of the people of the groups whose own sent messages changed read state, those who send
 * read receipts (one statement; none when no such group).
 */
async function receiptsAmong(
  groups: Iterable<{ userId: number; other: number; rows: MessageRef[] }>,
): Promise<Set<number> | undefined> {
  const senders = [...groups].filter(
    (g) => g.userId !== g.other && g.rows.every((r) => r.senderId === g.userId),
  );
  if (senders.length === 0) return undefined;
  return sendingReceipts(senders.flatMap((g) => [g.userId, g.other]));
}

/**
 * One event per room, whatever its size (lib/live/room-audience.ts delivers it to the
 * members' open streams). A new reply's author hears of their notification on their own.
 */
async function publishForRooms(
  rows: MessageRef[],
  rootOf: Touched["rootOf"],
  type: MessageChanged["type"] | "read.changed",
  messages: LiveMessage[] | undefined,
): Promise<void> {
  const byRoom = new Map<number, MessageRef[]>();
  for (const row of rows) {
    const roomId = row.roomId as number;
    byRoom.set(roomId, [...(byRoom.get(roomId) ?? []), row]);
  }
  for (const [roomId, roomRows] of byRoom) {
    const roots = new Set(roomRows.map(rootOf).filter((root) => root !== undefined));
    const ids = new Set(roomRows.map((r) => r.id));
    const inRoom = messages?.filter((m) => ids.has(m.id));
    await liveBus().publishRoom(
      roomId,
      roomChanged(
        roomId,
        type,
        roomRows.map((r) => r.id),
        [...roots],
        type === "message.created" ? senderIdsOf(roomRows) : undefined,
        inRoom?.length === ids.size ? inRoom : undefined,
      ),
    );
  }
  if (type !== "message.created" || rows.length !== 1) return;
  const [reply] = rows;
  if (!reply || reply.parentMessageId === null) return;
  const parent = await findRow("messages", reply.parentMessageId);
  if (!parent || parent.senderId === null || parent.senderId === reply.senderId) return;
  await liveBus().publish(
    parent.senderId,
    await withCounts(parent.senderId, notificationChanged([reply.id])),
  );
}

/** The authors of new room messages: their typing status ends as their message arrives. */
function senderIdsOf(rows: MessageRef[]): number[] {
  return [...new Set(rows.map((r) => r.senderId).filter((id) => id !== null))];
}

/** Sessions ended (sign-out, everywhere, account deleted): their open streams close. */
export async function publishSessionEvent(event: CommittedEvent<"sessions">): Promise<void> {
  if (event.kind !== "delete" && event.kind !== "bulkDelete") return;
  const rows: Session[] = "rows" in event ? event.rows : [event.instance];
  const byUser = new Map<number, string[]>();
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.id]);
  for (const [userId, sessionIds] of byUser) {
    const user = await findRow("users", userId);
    const reason = !user
      ? "account-deleted"
      : user.deactivatedAt !== null
        ? "account-deactivated"
        : "signed-out";
    await liveBus().publish(userId, sessionEnded(sessionIds, reason));
  }
}
