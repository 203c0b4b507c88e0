import type { InferInsertModel, InferSelectModel } from "drizzle-orm";
import {
  attachments,
  auditLog,
  messageHistory,
  messages,
  notifications,
  reactions,
  roomMembers,
  rooms,
  sessions,
  users,
} from "../schema";

/** The tables whose writes go through the events layer, by their SQL names. */
export const tables = {
  users,
  messages,
  notifications,
  message_history: messageHistory,
  sessions,
  audit_log: auditLog,
  rooms,
  /** No id column (its key is room and user): written with insert, updateWhere and deleteWhere. */
  room_members: roomMembers,
  attachments,
  /** Toggled with `upsert` (one statement); removed with deleteWhere. */
  reactions,
} as const;

export type TableName = keyof typeof tables;
export type Row<T extends TableName> = InferSelectModel<(typeof tables)[T]>;
export type NewRow<T extends TableName> = InferInsertModel<(typeof tables)[T]>;
export type Changes<T extends TableName> = Partial<Omit<NewRow<T>, "id">>;

export interface PreSaveEvent<T extends TableName> {
  table: T;
  /** The values about to be written; receivers may adjust them. */
  instance: NewRow<T>;
  created: boolean;
  previous?: Row<T>;
}
export interface SaveEvent<T extends TableName> {
  table: T;
  instance: Row<T>;
  created: boolean;
  previous?: Row<T>;
}
export interface DeleteEvent<T extends TableName> {
  table: T;
  instance: Row<T>;
}
export interface BulkUpdateEvent<T extends TableName> {
  table: T;
  rows: Row<T>[];
  changes: Changes<T>;
}
/** Rows one INSERT ... SELECT stored (those a conflict skipped are not among them). */
export interface BulkInsertEvent<T extends TableName> {
  table: T;
  rows: Row<T>[];
}
export interface BulkDeleteEvent<T extends TableName> {
  table: T;
  rows: Row<T>[];
}
export type CommittedEvent<T extends TableName> =
  | ({ kind: "save" } & SaveEvent<T>)
  | ({ kind: "delete" } & DeleteEvent<T>)
  | ({ kind: "bulkUpdate" } & BulkUpdateEvent<T>)
  | ({ kind: "bulkDelete" } & BulkDeleteEvent<T>)
  | ({ kind: "bulkInsert" } & BulkInsertEvent<T>);

export interface Payloads<T extends TableName> {
  preSave: PreSaveEvent<T>;
  postSave: SaveEvent<T>;
  preDelete: DeleteEvent<T>;
  postDelete: DeleteEvent<T>;
  bulkUpdate: BulkUpdateEvent<T>;
  bulkDelete: BulkDeleteEvent<T>;
  bulkInsert: BulkInsertEvent<T>;
  afterCommit: CommittedEvent<T>;
}
export type HookName = keyof Payloads<TableName>;
/** In-transaction receivers may be async: the write waits for them, in connection order. */
export type Receiver<H extends HookName, T extends TableName> = (event: Payloads<T>[H]) => unknown;
