import type { MessageView } from "../conversations";
import type { UnreadCounts } from "../notifications";

/**
 * What the live stream tells a signed-in user. Events go only to the user they concern
 * (the two participants of a conversation, the owner of a notification), so they may carry
 * what that user is allowed to see: the new or changed messages and the user's new unread
 * counts. The client applies them to its cached views without a refetch; when a payload is
 * missing (a hard delete, an account gone) it refetches, through the usual authorization.
 */
export type LiveEventType =
  | "message.created"
  | "message.updated"
  | "message.deleted"
  | "read.changed"
  | "notification.changed"
  /** Server-side only: the streams of these sessions close (never sent to a browser). */
  | "session.ended";

export interface LiveEventData {
  type: LiveEventType;
  /** The other participant of the conversation, from the receiving user's point of view. */
  conversationWith?: number;
  messageIds: number[];
  /** Set when the messages are replies: the thread views to refresh. */
  threadRootIds?: number[];
  sessionIds?: string[];
  /** Why those sessions ended: the browser says "Your account has been deleted." for one. */
  reason?: "signed-out" | "account-deleted" | "account-deactivated";
  /** Created, edited or tombstoned messages as both participants see them. */
  messages?: LiveMessage[];
  /** read.changed: the read state the messages of `messageIds` now have. */
  read?: boolean;
  /** The receiving user's unread counts once the write committed. */
  counts?: UnreadCounts;
  /** With `counts` on a conversation's event: the user's unread messages in it (the sidebar's). */
  conversationUnread?: number;
  /** Instead of `counts`: the write cannot have changed them (it touched only messages the user sent). */
  countsUnchanged?: true;
}

/** A message as every view shows it, with what places it in a conversation or a thread. */
export interface LiveMessage extends MessageView {
  editedAt: number | null;
  /** The message it replies to; null for a top-level message. */
  parentId: number | null;
}

export interface LiveEvent {
  /**
   * Per user, increasing with that user's own events only (lib/live/bus.ts): what a user
   * sees of it says nothing about anyone else's traffic.
   */
  id: string;
  userId: number;
  data: LiveEventData;
}
