/**
 * What the live stream tells a signed-in user. Events carry ids and the conversation they
 * belong to, never content: the client refetches what it shows, through the same
 * authorization as any other read.
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
}

export interface LiveEvent {
  /** `<boot id>-<sequence>`: unique per server run, increasing within it. */
  id: string;
  userId: number;
  data: LiveEventData;
}
