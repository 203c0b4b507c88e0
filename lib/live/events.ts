import type {
  LiveEventData,
  LiveMessage,
  MessageChanged,
  NotificationChanged,
  PresenceChanged,
  PresenceState,
  ReactionChanged,
  ReadChanged,
  RoomChanged,
  SessionEnded,
  SessionEndReason,
  TypingStarted,
} from "./types";

/**
 * The one place each live event is built, on the server (lib/live/publish.ts) and for the
 * benchmark's simulated client (an event with its payload stripped).
 */

interface ConversationIds {
  /** The other participant, from the receiving user's point of view. */
  conversationWith: number;
  messageIds: number[];
  threadRootIds: number[];
}

export function messageChanged(
  type: MessageChanged["type"],
  ids: ConversationIds,
  messages: MessageChanged["messages"],
): MessageChanged {
  return { type, ...ids, ...(messages ? { messages } : {}) };
}

export function readChanged(
  ids: ConversationIds,
  read: boolean | undefined,
  readAt?: number | null,
): ReadChanged {
  if (read === undefined) return { type: "read.changed", ...ids };
  return { type: "read.changed", ...ids, read, ...(readAt === undefined ? {} : { readAt }) };
}

export function roomChanged(
  roomId: number,
  change: RoomChanged["change"],
  messageIds: number[],
  threadRootIds: number[],
  senderIds?: number[],
  messages?: LiveMessage[],
): RoomChanged {
  return {
    type: "room.changed",
    roomId,
    change,
    messageIds,
    threadRootIds,
    countsUnchanged: true,
    ...(senderIds?.length ? { senderIds } : {}),
    ...(messages ? { messages } : {}),
  };
}

/** `typist` is typing in a room, or (no room) in their direct conversation with the receiver. */
export function typingStarted(
  typist: { id: number; name: string },
  roomId?: number,
): TypingStarted {
  return {
    type: "typing.started",
    messageIds: [],
    typistId: typist.id,
    typistName: typist.name,
    ...(roomId === undefined ? {} : { roomId }),
  };
}

export function presenceChanged(presence: [number, PresenceState][]): PresenceChanged {
  return { type: "presence.changed", messageIds: [], presence };
}

/** A reaction on a message of a conversation (`where.conversationWith`) or a room (`where.roomId`). */
export function reactionChanged(
  where: { conversationWith: number } | { roomId: number },
  threadRootIds: number[],
  reaction: ReactionChanged["reaction"],
): ReactionChanged {
  return {
    type: "reaction.changed",
    ...where,
    messageIds: [reaction.messageId],
    threadRootIds,
    reaction,
    countsUnchanged: true,
  };
}

export function notificationChanged(messageIds: number[]): NotificationChanged {
  return { type: "notification.changed", messageIds };
}

export function sessionEnded(sessionIds: string[], reason: SessionEndReason): SessionEnded {
  return { type: "session.ended", messageIds: [], sessionIds, reason };
}

/** The event with the ids alone: what a client without payloads (refetching everything) gets. */
export function withoutPayload(event: LiveEventData): LiveEventData {
  const {
    messages: _m,
    counts: _c,
    read: _r,
    readAt: _ra,
    countsUnchanged: _u,
    conversationUnread: _cu,
    ...ids
  } = event as LiveEventData & { readAt?: number | null };
  return ids as LiveEventData;
}
