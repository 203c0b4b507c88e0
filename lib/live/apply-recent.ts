import type { RecentConversation } from "@/lib/messaging/recent-conversations";
import type { LiveEventData } from "./types";

/** How many conversations the sidebar lists: the server's query and the browser's live list. */
export const RECENT_LIMIT = 30;

/**
 * The sidebar's recent conversations with a live event applied, or undefined when the
 * event does not carry enough to do it (the list is then refetched): a new message or reply
 * moves its conversation to the top, and the event's `conversationUnread` is the new count.
 * A deletion can change the order (its message no longer counts as activity) and a bulk
 * write carries no counts: both are refetched.
 */
export function recentWithEvent(
  list: RecentConversation[],
  event: LiveEventData,
): RecentConversation[] | undefined {
  if (event.type === "message.updated" || event.type === "notification.changed") return list;
  const other = event.conversationWith;
  const unread = event.countsUnchanged ? undefined : event.conversationUnread;
  if (other === undefined || (unread === undefined && !event.countsUnchanged)) return undefined;
  const current = list.find((c) => c.id === other);
  if (event.type === "read.changed") {
    return list.map((c) => (c.id === other ? { ...c, unread: unread ?? c.unread } : c));
  }
  const [message, ...more] = event.messages ?? [];
  if (event.type !== "message.created" || !message || more.length > 0) return undefined;
  // Someone new: their name comes with their message; our own first message to them has
  // only their id, so the list is refetched.
  const name = current?.name ?? (message.senderId === other ? message.senderName : undefined);
  if (name === undefined) return undefined;
  const moved: RecentConversation = {
    id: other,
    name,
    lastActivityAt: Math.max(message.createdAt, current?.lastActivityAt ?? 0),
    unread: unread ?? current?.unread ?? 0,
  };
  return [moved, ...list.filter((c) => c.id !== other)]
    .sort((a, b) => b.lastActivityAt - a.lastActivityAt || b.id - a.id)
    .slice(0, RECENT_LIMIT);
}
