import { dialectOf } from "../dialect";
import * as postgres from "./postgres";
import * as sqlite from "./sqlite";

/**
 * The schema of the database DATABASE_URL names. Both dialects export the same tables with
 * the same columns and row types, so the rest of the app is written once against the SQLite
 * declarations' types; at run time the PostgreSQL tables stand in when that is the database.
 * Drizzle has no type for "a table of either dialect", hence the cast; `RowTypesAgree`
 * below checks what it assumes, and tests/schema-parity.test.ts checks the rest (types
 * beyond TypeScript's, NOT NULL, defaults, indexes, and the migrated databases).
 */
const chosen = (dialectOf() === "postgres" ? postgres : sqlite) as unknown as typeof sqlite;

export const {
  users,
  messages,
  notifications,
  messageHistory,
  sessions,
  auditLog,
  rooms,
  roomMembers,
  attachments,
  reactions,
} = chosen;

export type User = typeof sqlite.users.$inferSelect;
export type Message = typeof sqlite.messages.$inferSelect;
export type Notification = typeof sqlite.notifications.$inferSelect;
export type MessageHistory = typeof sqlite.messageHistory.$inferSelect;
export type Session = typeof sqlite.sessions.$inferSelect;
export type AuditEntry = typeof sqlite.auditLog.$inferSelect;
export type Room = typeof sqlite.rooms.$inferSelect;
export type RoomMember = typeof sqlite.roomMembers.$inferSelect;
export type Attachment = typeof sqlite.attachments.$inferSelect;
export type Reaction = typeof sqlite.reactions.$inferSelect;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Tables = typeof sqlite;
type TwinAgrees<K extends keyof Tables> = K extends keyof typeof postgres
  ? Same<Tables[K]["$inferSelect"], (typeof postgres)[K]["$inferSelect"]> extends true
    ? Same<Tables[K]["$inferInsert"], (typeof postgres)[K]["$inferInsert"]>
    : false
  : false;
type Assert<T extends true> = T;
/**
 * Compiles only while every SQLite table has a PostgreSQL twin of the same name that
 * reads and writes the same row type: what the cast above takes for granted.
 */
export type RowTypesAgree = Assert<
  { [K in keyof Tables]: TwinAgrees<K> }[keyof Tables] extends true ? true : false
>;
