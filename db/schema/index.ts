import { dialectOf } from "../dialect";
import * as postgres from "./postgres";
import * as sqlite from "./sqlite";

/**
 * The schema of the database DATABASE_URL names. Both dialects export the same tables with
 * the same columns and row types, so the rest of the app is written once against the SQLite
 * declarations' types; at run time the PostgreSQL tables stand in when that is the database.
 */
const chosen = (dialectOf() === "postgres" ? postgres : sqlite) as unknown as typeof sqlite;

export const { users, messages, notifications, messageHistory, sessions, auditLog } = chosen;

export type User = typeof sqlite.users.$inferSelect;
export type Message = typeof sqlite.messages.$inferSelect;
export type Notification = typeof sqlite.notifications.$inferSelect;
export type MessageHistory = typeof sqlite.messageHistory.$inferSelect;
export type Session = typeof sqlite.sessions.$inferSelect;
export type AuditEntry = typeof sqlite.auditLog.$inferSelect;
