import "server-only";
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { atomic, update, updateWhere } from "@/db/events";
import { db } from "@/db/query";
import { messages, notifications, roomMembers } from "@/db/schema";
import { fail, ok, type Result } from "@/lib/platform/result";
import {
  markReadSchema,
  messageIdSchema,
  notificationIdSchema,
  parse,
} from "@/lib/platform/validation";

/**
 * Marks the given messages read, as the receiver sees them on screen. Only the receiver may:
 * if any id is not a message the user received, nothing changes. One UPDATE for the lot.
 * Returns how many messages went from unread to read.
 */
export async function markRead(
  userId: number,
  input: unknown,
): Promise<Result<{ changed: number }>> {
  const parsed = parse(markReadSchema, input);
  if (!parsed.ok) return parsed;
  const ids = [...new Set(parsed.data.messageIds)];
  return atomic(async (): Promise<Result<{ changed: number }>> => {
    const received = await db()
      .select({ id: messages.id })
      .from(messages)
      .where(and(inArray(messages.id, ids), eq(messages.receiverId, userId)));
    if (received.length !== ids.length) {
      return fail("not_found", "Only messages you received can be marked as read.");
    }
    const changed = await updateWhere(
      "messages",
      and(inArray(messages.id, ids), eq(messages.read, false)),
      { read: true, readAt: Date.now() },
    );
    return ok({ changed: changed.length });
  });
}

/**
 * "Mark all as read", for everything the inbox lists: one UPDATE of the received messages
 * (one bulk event with every affected row) and one moving the read position of each room
 * not muted to its newest message. Returns how many direct messages went to read.
 */
export async function markAllRead(userId: number): Promise<{ changed: number }> {
  return atomic(async () => {
    const changed = await updateWhere(
      "messages",
      and(eq(messages.receiverId, userId), eq(messages.read, false)),
      { read: true, readAt: Date.now() },
    );
    const newest = sql<number>`(select coalesce(max(m.id), 0) from messages m
      where m.room_id = ${roomMembers.roomId})`;
    await updateWhere(
      "room_members",
      and(
        eq(roomMembers.userId, userId),
        eq(roomMembers.muted, false),
        lt(roomMembers.lastReadMessageId, newest),
      ),
      { lastReadMessageId: newest as unknown as number },
    );
    return { changed: changed.length };
  });
}

/** "Mark as unread": the message comes back into the receiver's inbox. */
export async function markUnread(
  userId: number,
  input: unknown,
): Promise<Result<{ messageId: number }>> {
  const parsed = parse(messageIdSchema, input);
  if (!parsed.ok) return parsed;
  const { messageId } = parsed.data;
  const [message] = await db().select().from(messages).where(eq(messages.id, messageId));
  if (!message || message.receiverId !== userId || message.deletedAt !== null) {
    return fail("not_found", "Only messages you received can be marked as unread.");
  }
  await update("messages", messageId, { read: false, readAt: null });
  return ok({ messageId });
}

/** Opening a notification reads it, and the message it points at. */
export async function openNotification(
  userId: number,
  input: unknown,
): Promise<Result<{ messageId: number }>> {
  const parsed = parse(notificationIdSchema, input);
  if (!parsed.ok) return parsed;
  const [notification] = await db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, parsed.data.notificationId), eq(notifications.userId, userId)));
  if (!notification) return fail("not_found", "That notification does not exist.");
  await atomic(async () => {
    await update("notifications", notification.id, { read: true });
    await update("messages", notification.messageId, { read: true, readAt: Date.now() });
  });
  return ok({ messageId: notification.messageId });
}

export async function markAllNotificationsRead(userId: number): Promise<{ changed: number }> {
  const changed = await updateWhere(
    "notifications",
    and(eq(notifications.userId, userId), eq(notifications.read, false)),
    { read: true },
  );
  return { changed: changed.length };
}
