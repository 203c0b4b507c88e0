import type { ConversationMessage, MessageView } from "@/lib/messaging/conversations";

/**
 * The client's mirror of `unreadBy` (lib/unread/inbox.ts), the one rule of "unread": received by
 * the viewer, from someone else, not read, not a tombstone. The views use it to mark what
 * the viewer has now seen; tests/unread-rule.test.ts checks the two agree.
 */
export function isUnreadFor(message: MessageView, viewerId: number): boolean {
  return (
    message.receiverId === viewerId &&
    message.senderId !== viewerId &&
    !message.read &&
    !message.deleted
  );
}

/** The messages this viewer received and has not read yet: what the views mark as seen. */
export function unreadReceivedIds(messages: MessageView[], viewerId: number): number[] {
  return messages.filter((m) => isUnreadFor(m, viewerId)).map((m) => m.id);
}

/** The unread replies in a conversation message's thread that `viewerId` received. */
export function unreadRepliesFor(
  message: Pick<
    ConversationMessage,
    "senderId" | "unreadRepliesToSender" | "unreadRepliesToReceiver"
  >,
  viewerId: number,
): number {
  return message.senderId === viewerId
    ? message.unreadRepliesToSender
    : message.unreadRepliesToReceiver;
}

/**
 * The client's mirror of `unreadInRoom` (lib/unread/room-unread.ts): a room message after the
 * member's read position, written by someone else, not a tombstone.
 */
export function isUnreadInRoom(
  message: Pick<MessageView, "id" | "senderId" | "deleted">,
  viewerId: number,
  readPosition: number,
): boolean {
  return message.id > readPosition && message.senderId !== viewerId && !message.deleted;
}
