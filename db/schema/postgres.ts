import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/**
 * The PostgreSQL twin of ./sqlite.ts: the same export names, tables and columns (tests/
 * schema-parity.test.ts checks it), so queries built with Drizzle serve both databases.
 * Timestamps stay integer milliseconds since the epoch (bigint, read as numbers).
 */
const timestamp = (name: string) => bigint(name, { mode: "number" });
const now = sql`((extract(epoch from clock_timestamp()) * 1000)::bigint)`;
const id = () => integer("id").primaryKey().generatedByDefaultAsIdentity();

export const users = pgTable("users", {
  id: id(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  /** Empty for an account that signs in only through single sign-on (never matches). */
  passwordHash: text("password_hash").notNull(),
  createdAt: timestamp("created_at").notNull().default(now),
  /** 'member' or 'admin': admins run the console at /admin. */
  role: text("role", { enum: ["member", "admin"] })
    .notNull()
    .default("member"),
  /** Set while an admin has deactivated the account: it cannot sign in or be messaged. */
  deactivatedAt: timestamp("deactivated_at"),
  /**
   * The OpenID Connect subject (`sub`) of the single sign-on identity linked to the account,
   * null when it signs in only with its password.
   */
  ssoSubject: text("sso_subject").unique(),
  /** Sends read receipts (see ./sqlite.ts). */
  readReceipts: boolean("read_receipts").notNull().default(true),
});

export const messages = pgTable(
  "messages",
  {
    id: id(),
    /**
     * Null only for a room message's tombstone whose author deleted their account: it stays
     * for the replies under it (lib/accounts/receivers.ts unlinks it before the user goes).
     */
    senderId: integer("sender_id").references(() => users.id, { onDelete: "cascade" }),
    /** The other person of a direct message; null for a room message. */
    receiverId: integer("receiver_id").references(() => users.id, { onDelete: "cascade" }),
    /** The room of a room message (a reply is in its parent's room); null for a direct message. */
    roomId: integer("room_id").references((): AnyPgColumn => rooms.id, { onDelete: "cascade" }),
    parentMessageId: integer("parent_message_id").references((): AnyPgColumn => messages.id, {
      onDelete: "cascade",
    }),
    content: text("content").notNull(),
    createdAt: timestamp("created_at").notNull().default(now),
    edited: boolean("edited").notNull().default(false),
    editedAt: timestamp("edited_at"),
    read: boolean("read").notNull().default(false),
    readAt: timestamp("read_at"),
    deletedAt: timestamp("deleted_at"),
    /** The client's key for this send: a retried send finds the message already stored. */
    idempotencyKey: text("idempotency_key"),
    /**
     * The names of the message's attachments, one per line, for search only: written by a
     * database trigger when the send attaches them (see the attachment_names migration).
     */
    attachmentNames: text("attachment_names"),
  },
  (t) => [
    uniqueIndex("messages_idempotency_uq").on(t.senderId, t.idempotencyKey),
    // A room's messages in order: pages, and unread counts after a member's read position.
    index("messages_room_idx").on(t.roomId, t.id).where(sql`${t.roomId} is not null`),
    // A message is either direct (to a receiver) or in a room, never both nor neither.
    check("messages_receiver_xor_room", sql`(${t.receiverId} is null) <> (${t.roomId} is null)`),
    index("messages_conversation_idx").on(t.senderId, t.receiverId, t.createdAt),
    // Serves the ON DELETE CASCADE from users.id through receiver_id.
    index("messages_receiver_idx").on(t.receiverId, t.createdAt),
    index("messages_parent_idx").on(t.parentMessageId),
    // The admin overview: messages per day and active senders over a recent window.
    index("messages_created_idx").on(t.createdAt, t.senderId),
    index("messages_unread_idx").on(t.receiverId, t.createdAt).where(sql`${t.read} = false`),
  ],
);

/**
 * Rooms: team conversations. Open ones are readable by every signed-in colleague and
 * writable by members; private ones exist only for their members.
 */
export const rooms = pgTable(
  "rooms",
  {
    id: id(),
    /** Shown as #name: letters, digits, - and _ (lib/rooms/schemas.ts), unique ignoring case. */
    name: text("name").notNull(),
    topic: text("topic").notNull().default(""),
    kind: text("kind", { enum: ["open", "private"] }).notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at").notNull().default(now),
    /** Set once archived: read-only, out of Browse rooms. */
    archivedAt: timestamp("archived_at"),
  },
  (t) => [
    uniqueIndex("rooms_name_uq").on(sql`lower(${t.name})`),
    index("rooms_created_by_idx").on(t.createdBy),
  ],
);

/**
 * A member of a room. Unread in a room is every message after `last_read_message_id` not
 * sent by the member: one integer per member, so a send writes nothing per member.
 */
export const roomMembers = pgTable(
  "room_members",
  {
    roomId: integer("room_id")
      .notNull()
      .references(() => rooms.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["member", "admin"] })
      .notNull()
      .default("member"),
    joinedAt: timestamp("joined_at").notNull().default(now),
    lastReadMessageId: integer("last_read_message_id").notNull().default(0),
    muted: boolean("muted").notNull().default(false),
    /**
     * Until when an open tab shows this member the room (POST /api/rooms/[id]/read with
     * watching, renewed while it stays open): a message sent into the room before then moves
     * the read position in the send's transaction, so a member watching asks nothing per message.
     */
    watchingUntil: timestamp("watching_until"),
  },
  (t) => [
    primaryKey({ columns: [t.roomId, t.userId] }),
    // A user's rooms (the sidebar) and the ON DELETE CASCADE from users.id.
    index("room_members_user_idx").on(t.userId),
    // The members watching a room, read by each send into it (rooms.read-by-watchers):
    // without it, a send scans every member of the room.
    index("room_members_watching_idx")
      .on(t.roomId, t.watchingUntil)
      .where(sql`${t.watchingUntil} is not null`),
  ],
);

export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    messageId: integer("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    /** Why: a direct message, a reply to your message, or a mention of you (or of @room). */
    kind: text("kind", { enum: ["message", "reply", "mention"] }).notNull(),
    read: boolean("read").notNull().default(false),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("notifications_user_message_uq").on(t.userId, t.messageId),
    index("notifications_list_idx").on(t.userId, t.read, t.createdAt),
    // Serves the ON DELETE CASCADE from messages.id.
    index("notifications_message_idx").on(t.messageId),
  ],
);

export const messageHistory = pgTable(
  "message_history",
  {
    id: id(),
    messageId: integer("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    oldContent: text("old_content").notNull(),
    editedBy: integer("edited_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    editedAt: timestamp("edited_at").notNull(),
  },
  (t) => [
    index("message_history_message_idx").on(t.messageId, t.editedAt),
    index("message_history_editor_idx").on(t.editedBy),
  ],
);

/**
 * Signed-in sessions, one per sign-in: the session cookie names its row, and a request is
 * signed in only while the row exists and has not aged out. Signing out deletes it; "Sign
 * out everywhere", a password change and the account's deletion delete them all.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at").notNull().default(now),
    /**
     * Written at sign-in, then at most every few minutes (lib/accounts/sessions.ts), never once per
     * request. A session idle for too long, or older than its lifetime, no longer signs in.
     */
    lastSeenAt: timestamp("last_seen_at").notNull().default(0),
    /** The browser's User-Agent at sign-in (shortened): names the device in the list. */
    userAgent: text("user_agent"),
    /** A single sign-on session's ID token: the hint that ends the provider's session too. */
    idToken: text("id_token"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * What admins did, newest last. Ids are plain columns, not foreign keys, and the names and
 * emails are snapshots: an entry outlives the deletion of its actor or its target.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: id(),
    actorId: integer("actor_id"),
    actorName: text("actor_name").notNull(),
    actorEmail: text("actor_email").notNull(),
    action: text("action", {
      enum: [
        "deactivate",
        "reactivate",
        "delete",
        "grant_admin",
        "revoke_admin",
        "password_refused",
        "archive_room",
      ],
    }).notNull(),
    targetId: integer("target_id").notNull(),
    targetName: text("target_name").notNull(),
    targetEmail: text("target_email").notNull(),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [index("audit_log_created_idx").on(t.createdAt)],
);

/** See ./sqlite.ts: an uploaded file, stored first, attached by the send. */
export const attachments = pgTable(
  "attachments",
  {
    id: id(),
    uploaderId: integer("uploader_id").references(() => users.id, { onDelete: "set null" }),
    messageId: integer("message_id").references(() => messages.id, { onDelete: "set null" }),
    storageKey: text("storage_key").notNull().unique(),
    thumbnailKey: text("thumbnail_key"),
    name: text("name").notNull(),
    mimeType: text("mime_type").notNull(),
    size: integer("size").notNull(),
    width: integer("width"),
    height: integer("height"),
    createdAt: timestamp("created_at").notNull().default(now),
    attachedAt: timestamp("attached_at"),
  },
  (t) => [
    index("attachments_message_idx").on(t.messageId),
    index("attachments_uploader_idx").on(t.uploaderId),
    index("attachments_unattached_idx").on(t.createdAt).where(sql`${t.attachedAt} is null`),
  ],
);

/** Emoji reactions (see ./sqlite.ts): one row per (message, user, emoji), toggled by `active`. */
export const reactions = pgTable(
  "reactions",
  {
    id: id(),
    messageId: integer("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    emoji: text("emoji").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("reactions_message_user_emoji_uq").on(t.messageId, t.userId, t.emoji),
    index("reactions_user_idx").on(t.userId),
  ],
);
