import { desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { insert } from "@/db/events";
import { type Message, messages, notifications, users } from "@/db/schema";

/** Called by the notifications receiver for every created message. */
export function createNotificationFor(message: Message) {
  if (message.senderId === message.receiverId) return;
  insert("notifications", {
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

export const SNIPPET_LENGTH = 140;

/** The user's notifications, newest first, with who wrote them: one statement. */
export function listNotifications(userId: number, limit = 50): NotificationItem[] {
  return getDb()
    .select({
      id: notifications.id,
      kind: notifications.kind,
      read: notifications.read,
      createdAt: notifications.createdAt,
      messageId: notifications.messageId,
      senderId: messages.senderId,
      senderName: users.name,
      snippet: sql<string>`substr(${messages.content}, 1, ${SNIPPET_LENGTH})`,
      isReply: sql<boolean>`${messages.parentMessageId} is not null`.mapWith(Boolean),
    })
    .from(notifications)
    .innerJoin(messages, eq(messages.id, notifications.messageId))
    .innerJoin(users, eq(users.id, messages.senderId))
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
    .all();
}

export interface UnreadCounts {
  inbox: number;
  notifications: number;
}

/** Both navigation badges in one statement (the inbox count is unreadCountFor's filter). */
export function unreadCounts(userId: number): UnreadCounts {
  const row = getDb().get<UnreadCounts>(sql`
    select
      (select count(*) from ${messages}
        where ${messages.receiverId} = ${userId} and ${messages.read} = 0
          and ${messages.senderId} != ${userId} and ${messages.deletedAt} is null) as inbox,
      (select count(*) from ${notifications}
        where ${notifications.userId} = ${userId} and ${notifications.read} = 0) as notifications
  `);
  return row;
}
