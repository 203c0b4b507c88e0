import type { MessageView } from "@/lib/messaging/conversations";
import type { ReactionChange } from "@/lib/reactions/summary";
import type { UnreadCounts } from "@/lib/unread/notifications";

/**
 * What the live stream tells a signed-in user. Events go only to the user they concern
 * (the two participants of a conversation, the owner of a notification), so they may carry
 * what that user is allowed to see: the new or changed messages and the user's new unread
 * counts. The client applies them to its cached views without a refetch; when a payload is
 * missing (a hard delete, an account gone) it refetches, through the usual authorization.
 */
export type LiveEventType = LiveEventData["type"];

/**
 * The receiving user's unread counts once the write committed, or word that it cannot have
 * changed them (it touched only messages the user sent); with neither, the client refetches.
 */
export interface CountsPart {
  counts?: UnreadCounts;
  /** With `counts` on a conversation's event: the user's unread messages in it (the sidebar's). */
  conversationUnread?: number;
  /** Instead of `counts`: the write cannot have changed them. */
  countsUnchanged?: true;
}

/**
 * The fields of the other kinds of event, absent from this one: any field of an event reads
 * as undefined where it does not belong, and `type` tells which ones do.
 */
type Absent<K extends string> = { [P in K]?: undefined };

/** An event about messages of one conversation. */
interface ConversationPart extends CountsPart {
  /** The other participant of the conversation, from the receiving user's point of view. */
  conversationWith?: number;
  messageIds: number[];
  /** The threads of those messages: the thread views to refresh. */
  threadRootIds?: number[];
}

/** Messages created, edited or deleted (a tombstone comes as a deletion with its message). */
export interface MessageChanged extends ConversationPart, Absent<"read" | "sessionIds" | "reason"> {
  type: "message.created" | "message.updated" | "message.deleted";
  /** Created, edited or tombstoned messages as both participants see them (none: refetch). */
  messages?: LiveMessage[];
}

/** The read state of messages changed. */
export interface ReadChanged
  extends ConversationPart,
    Absent<"messages" | "sessionIds" | "reason"> {
  type: "read.changed";
  /** The read state the messages of `messageIds` now have (absent: refetch). */
  read?: boolean;
  /** With `read`: when they were read (null when unread again), for the sender's "Seen". */
  readAt?: number | null;
}

/** A user's notification list or count changed. */
export interface NotificationChanged
  extends CountsPart,
    Absent<"conversationWith" | "threadRootIds" | "messages" | "read" | "sessionIds" | "reason"> {
  type: "notification.changed";
  messageIds: number[];
}

/**
 * Messages of a room changed. Published once per room (not per member) and delivered by
 * each server to its local streams of the room's members (lib/live/room-audience.ts); the
 * client refetches the open room's view through the usual authorization, and counts a new
 * message from someone else into its badges in place (lib/live/apply-room.ts).
 */
export interface RoomChanged
  extends Absent<
    "conversationWith" | "read" | "sessionIds" | "reason" | "counts" | "conversationUnread"
  > {
  type: "room.changed";
  roomId: number;
  /** What happened to the messages. */
  change: MessageChanged["type"] | "read.changed";
  messageIds: number[];
  /**
   * Created, edited or tombstoned messages as every member sees them (none: refetch). A
   * room's messages are the same for all its members, so one event serves them all.
   */
  messages?: LiveMessage[];
  threadRootIds?: number[];
  /** Who wrote the new messages (created only): their typing status ends. */
  senderIds?: number[];
  /**
   * Room messages notify nobody (a reply's author hears through a notification event), so
   * no counts are carried: one event serves every member, and each member's client works
   * out its own (lib/live/apply-room.ts).
   */
  countsUnchanged: true;
}

export type SessionEndReason = "signed-out" | "account-deleted" | "account-deactivated";

/** Server-side only: the streams of these sessions close (never sent to a browser as is). */
export interface SessionEnded
  extends Absent<
    "conversationWith" | "threadRootIds" | "messages" | "read" | "counts" | "conversationUnread"
  > {
  type: "session.ended";
  messageIds: number[];
  sessionIds: string[];
  /** Why those sessions ended: the browser says "Your account has been deleted." for one. */
  reason?: SessionEndReason;
  countsUnchanged?: true;
}

/** The fields of the message events, absent from the ephemeral signals below. */
type NoMessageFields = Absent<
  | "conversationWith"
  | "threadRootIds"
  | "messages"
  | "read"
  | "sessionIds"
  | "reason"
  | "counts"
  | "conversationUnread"
  | "countsUnchanged"
  | "senderIds"
>;

/**
 * Someone is typing in a conversation the receiving user belongs to. Ephemeral: never
 * stored, never replayed (no event id). In a room it names the room (delivered to its
 * members, the typist included, whose client ignores it); in a direct message the typist
 * is the conversation.
 */
export interface TypingStarted extends NoMessageFields, Absent<"presence"> {
  type: "typing.started";
  /** None: as a session's end, a signal is about no message. */
  messageIds: [];
  typistId: number;
  typistName: string;
  roomId?: number;
}

export type PresenceState = "active" | "away" | "offline";

/**
 * The presence of colleagues the receiving user displays, only those that changed since the
 * user was last told (lib/live/presence-feed.ts). Ephemeral, like typing.
 */
export interface PresenceChanged
  extends NoMessageFields,
    Absent<"typistId" | "typistName" | "roomId"> {
  type: "presence.changed";
  messageIds: [];
  presence: [userId: number, state: PresenceState][];
}

/** The ephemeral signals: not stored, not replayed, applied by lib/live/apply-signals.ts. */
export type LiveSignal = TypingStarted | PresenceChanged;

/**
 * Someone's reaction on a message turned on or off: to both people of a direct message
 * (`conversationWith`), or once for a room (`roomId`, heard by its members' streams). The
 * client applies `reaction` to the views showing the message; nothing is refetched.
 */
export interface ReactionChanged
  extends Absent<"messages" | "read" | "sessionIds" | "reason" | "counts" | "conversationUnread"> {
  type: "reaction.changed";
  conversationWith?: number;
  roomId?: number;
  messageIds: number[];
  /** The thread the message is in (its root): the thread view to update. */
  threadRootIds: number[];
  reaction: ReactionChange;
  /** A reaction notifies nobody. */
  countsUnchanged: true;
}

/** One live event, told apart by `type`; built in lib/live/events.ts, applied by lib/live/apply.ts. */
export type LiveEventData =
  | MessageChanged
  | ReadChanged
  | NotificationChanged
  | SessionEnded
  | RoomChanged
  | LiveSignal
  | ReactionChanged;

/** A message as every view shows it, with what places it in a conversation or a thread. */
export interface LiveMessage extends MessageView {
  editedAt: number | null;
  /** The message it replies to; null for a top-level message. */
  parentId: number | null;
}

export interface LiveEvent {
  /**
   * Per user, increasing with that user's own events only (lib/live/bus.ts): what a user
   * sees of it says nothing about anyone else's traffic. A room event's id is its entry in
   * the log of room events (`room:...`), never sent as is: a stream's frames carry a cursor
   * of both (lib/live/cursor.ts).
   */
  id: string;
  userId: number;
  data: LiveEventData;
  /** A room event's place in the room log: where a resumed stream replays from. */
  roomLog?: { at: number; seq: number };
}

/** A room event as the log of room events keeps it, for replay. */
export interface RoomLogEntry {
  id: string;
  roomId: number;
  /** Milliseconds, and the entry's number within that millisecond. */
  at: number;
  seq: number;
  data: LiveEventData;
}
