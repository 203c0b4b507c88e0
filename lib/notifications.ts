import "server-only";
import { and, count, desc, eq, sql } from "drizzle-orm";
import { insert } from "@/db/events";
import { db, firstRow } from "@/db/query";
import { type Message, messages, notifications, users } from "@/db/schema";
import { SNIPPET_SOURCE, unreadCountQuery } from "./inbox";
import { previewsOf } from "./plain-text";

/** Called by the notifications receiver for every created message. */
export async function createNotificationFor(message: Message): Promise<void> {
  if (message.senderId === message.receiverId) return;
  await insert("notifications", {
    userId: message.receiverId,
    messageId: message.id,
    kind: message.parentMessageId ? "reply" : "message",
  });
}

export interface NotificationItem {
  id: number;
  kind: "message" | "reply";
  read: boolean;
  createdAt: number;
  messageId: number;
  senderId: number;
  senderName: string;
  snippet: string;
  isReply: boolean;
}

/** The user's notifications, newest first, with who wrote them: one statement. */
export function listNotifications(userId: number, limit = 50): Promise<NotificationItem[]> {
  return db()
    .select({
      id: notifications.id,
      kind: notifications.kind,
      read: notifications.read,
      createdAt: notifications.createdAt,
      messageId: notifications.messageId,
      senderId: messages.senderId,
      senderName: users.name,
      snippet: SNIPPET_SOURCE,
      isReply: sql<boolean>`${messages.parentMessageId} is not null`.mapWith(Boolean),
    })
    .from(notifications)
    .innerJoin(messages, eq(messages.id, notifications.messageId))
    .innerJoin(users, eq(users.id, messages.senderId))
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
    .then(previewsOf);
}

export interface UnreadCounts {
  inbox: number;
  notifications: number;
}

/** Both navigation badges in one statement (the inbox count is unreadCountFor's). */
export async function unreadCounts(userId: number): Promise<UnreadCounts> {
  const unreadNotifications = db()
    .select({ count: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.read, false)));
  const row = await firstRow<{ inbox: number; notifications: number }>(
    sql`select (${unreadCountQuery(userId)}) as inbox, (${unreadNotifications}) as notifications`,
  );
  return { inbox: Number(row?.inbox ?? 0), notifications: Number(row?.notifications ?? 0) };
}
