import "server-only";
import { and, count, desc, eq, type Placeholder, sql } from "drizzle-orm";
import { findRow, insert } from "@/db/events";
import { preparedSqlRow } from "@/db/prepared";
import { db } from "@/db/query";
import { type Message, messages, notifications, rooms, users } from "@/db/schema";
import { mentionsIn } from "@/lib/mentions/parse";
import { previewsOf } from "@/lib/platform/markdown/plain-text";
import { ok, type Result } from "@/lib/platform/result";
import { notificationsCursorSchema, parse } from "@/lib/platform/validation";
import { inboxCount, SNIPPET_SOURCE, unreadCountQuery } from "./inbox";

/** Called by the notifications receiver for every created message. */
export async function createNotificationFor(message: Message): Promise<void> {
  if (message.roomId !== null) return notifyRoomReply(message);
  if (message.receiverId === null || message.senderId === message.receiverId) return;
  // One notification per message and receiver: a mention of them says so, never twice.
  const mentioned = mentionsIn(message.content).userIds.includes(message.receiverId);
  await insert("notifications", {
    userId: message.receiverId,
    messageId: message.id,
    kind: mentioned ? "mention" : message.parentMessageId ? "reply" : "message",
  });
}

/**
 * A room message notifies the author of the message it replies to (not when replying to
 * oneself), and the people it mentions (lib/mentions/notify.ts, the receiver after this
 * one); nobody else: a send costs the same whatever the room's size.
 */
async function notifyRoomReply(message: Message): Promise<void> {
  if (message.parentMessageId === null) return;
  const parent = await findRow("messages", message.parentMessageId);
  if (!parent || parent.senderId === null || parent.senderId === message.senderId) return;
  await insert("notifications", { userId: parent.senderId, messageId: message.id, kind: "reply" });
}

export interface NotificationItem {
  id: number;
  kind: "message" | "reply" | "mention";
  read: boolean;
  createdAt: number;
  messageId: number;
  senderId: number;
  senderName: string;
  snippet: string;
  isReply: boolean;
  /** The room of a room message; null for a direct message. */
  roomId: number | null;
  roomName: string | null;
}

export const NOTIFICATIONS_PAGE_SIZE = 50;

/** The user's notifications, newest first, with who wrote them: one statement. */
export function listNotifications(
  userId: number,
  limit = NOTIFICATIONS_PAGE_SIZE,
  before?: number,
): Promise<NotificationItem[]> {
  // The cursor is placed by the user's own notification: anyone else's matches nothing.
  const cursor = before
    ? sql`(${notifications.createdAt}, ${notifications.id}) < (select created_at, id from notifications where id = ${before} and user_id = ${userId})`
    : undefined;
  return db()
    .select({
      id: notifications.id,
      kind: notifications.kind,
      read: notifications.read,
      createdAt: notifications.createdAt,
      messageId: notifications.messageId,
      // Joined to its sender: never null here.
      senderId: users.id,
      senderName: users.name,
      snippet: SNIPPET_SOURCE,
      isReply: sql<boolean>`${messages.parentMessageId} is not null`.mapWith(Boolean),
      roomId: rooms.id,
      roomName: rooms.name,
    })
    .from(notifications)
    .innerJoin(messages, eq(messages.id, notifications.messageId))
    .innerJoin(users, eq(users.id, messages.senderId))
    .leftJoin(rooms, eq(rooms.id, messages.roomId))
    .where(and(eq(notifications.userId, userId), cursor))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
    .then(previewsOf);
}

export interface NotificationsPage {
  notifications: NotificationItem[];
  /** The cursor of the next (older) page, when there is one. */
  nextCursor: number | null;
}

/** What "Load more" on /notifications answers: the next page, or why there is none. */
export type LoadMoreResult = { ok: true; page: NotificationsPage } | { ok: false; error: string };

/**
 * One page of the user's notifications, newest first, older than the notification `before`
 * when given: one statement whatever the page (it reads one row more to know if there is
 * another page).
 */
export async function notificationsPage(
  userId: number,
  before?: number,
  limit = NOTIFICATIONS_PAGE_SIZE,
): Promise<NotificationsPage> {
  const found = await listNotifications(userId, limit + 1, before);
  const page = found.slice(0, limit);
  return {
    notifications: page,
    nextCursor: found.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}

export interface UnreadCounts {
  inbox: number;
  notifications: number;
}

/** Both navigation badges in one statement (the inbox count is unreadCountFor's). */
export async function unreadCounts(userId: number): Promise<UnreadCounts> {
  const row = await preparedSqlRow<{ inbox: number; notifications: number }>(
    "unread-counts",
    () => sql`select ${badgeCounts(sql.placeholder("userId"))}`,
    { userId },
  );
  return toCounts(row);
}

/**
 * The badges and the user's unread messages from one colleague (the sidebar's count for
 * that conversation), in one statement: what a live event about that conversation carries.
 */
export async function unreadCountsWith(
  userId: number,
  colleagueId: number,
): Promise<{ counts: UnreadCounts; conversationUnread: number }> {
  // With every live event about a conversation: written out once (db/prepared.ts).
  const row = await preparedSqlRow<{ inbox: number; notifications: number; conversation: number }>(
    "unread-counts-with",
    () => {
      const user = sql.placeholder("userId");
      const fromColleague = unreadCountQuery(user, sql.placeholder("colleagueId"));
      return sql`select ${badgeCounts(user)}, (${fromColleague}) as conversation`;
    },
    { userId, colleagueId },
  );
  return { counts: toCounts(row), conversationUnread: Number(row?.conversation ?? 0) };
}

function badgeCounts(userId: Placeholder) {
  const unreadNotifications = db()
    .select({ count: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.read, false)));
  return sql`${inboxCount(userId)} as inbox, (${unreadNotifications}) as notifications`;
}

function toCounts(row: { inbox: number; notifications: number } | undefined): UnreadCounts {
  return { inbox: Number(row?.inbox ?? 0), notifications: Number(row?.notifications ?? 0) };
}

/** "Load more": the page after the cursor in `input` (`{ before }`), validated. */
export async function olderNotifications(
  userId: number,
  input: unknown,
): Promise<Result<NotificationsPage>> {
  const parsed = parse(notificationsCursorSchema, input);
  if (!parsed.ok) return parsed;
  return ok(await notificationsPage(userId, parsed.data.before));
}
