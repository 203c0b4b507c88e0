/**
 * The events layer: our Django signals, typed.
 *
 * Every write to the app's tables goes through `insert`, `update`, `remove`, `updateWhere`
 * or `deleteWhere`. Each runs in a transaction and fires hooks around the statement:
 *
 *   preSave / postSave     one row saved (`created` tells insert from update)
 *   preDelete / postDelete one row deleted
 *   bulkUpdate / bulkDelete one event for a whole set-based statement, with the rows it hit
 *   afterCommit            every write above, replayed after the outermost commit in the
 *                          order the statements ran (a message before its notification)
 *
 * In-transaction receivers run synchronously inside the better-sqlite3 transaction: if one
 * throws, the write and every side effect roll back. afterCommit receivers run only once the
 * outermost transaction has committed, are dropped on rollback, and a failing one is logged
 * rather than raised (Django's send_robust).
 */
import { eq, type InferInsertModel, type InferSelectModel, type SQL, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { type Db, getDb } from "./client";
import { messageHistory, messages, notifications, users } from "./schema";
import { processSingleton } from "./singleton";

export const tables = {
  users,
  messages,
  notifications,
  message_history: messageHistory,
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
export interface BulkDeleteEvent<T extends TableName> {
  table: T;
  rows: Row<T>[];
}
export type CommittedEvent<T extends TableName> =
  | ({ kind: "save" } & SaveEvent<T>)
  | ({ kind: "delete" } & DeleteEvent<T>)
  | ({ kind: "bulkUpdate" } & BulkUpdateEvent<T>)
  | ({ kind: "bulkDelete" } & BulkDeleteEvent<T>);

interface Payloads<T extends TableName> {
  preSave: PreSaveEvent<T>;
  postSave: SaveEvent<T>;
  preDelete: DeleteEvent<T>;
  postDelete: DeleteEvent<T>;
  bulkUpdate: BulkUpdateEvent<T>;
  bulkDelete: BulkDeleteEvent<T>;
  afterCommit: CommittedEvent<T>;
}
export type HookName = keyof Payloads<TableName>;
export type Receiver<H extends HookName, T extends TableName> = (event: Payloads<T>[H]) => void;

type AnyReceiver = (event: never) => unknown;
const registry = processSingleton("receivers", () => new Map<string, Map<string, AnyReceiver>>());
const muted = processSingleton("muted-receivers", () => new Set<string>());

/**
 * Registers `receiver` for `hook` on `table`. The `id` plays Django's dispatch_uid:
 * connecting again with the same id is a no-op. Returns a function that disconnects it.
 */
export function connect<H extends HookName, T extends TableName>(
  hook: H,
  table: T,
  receiver: Receiver<H, T>,
  { id }: { id: string },
): () => void {
  const key = `${hook}:${table}`;
  let receivers = registry.get(key);
  if (!receivers) {
    receivers = new Map();
    registry.set(key, receivers);
  }
  if (!receivers.has(id)) receivers.set(id, receiver as AnyReceiver);
  return () => {
    if (receivers.get(id) === receiver) receivers.delete(id);
  };
}

/** Removes every receiver (tests call this, then register what they need). */
export function resetReceivers(): void {
  registry.clear();
  muted.clear();
}

export function connectedReceivers(hook: HookName, table: TableName): string[] {
  return [...(registry.get(`${hook}:${table}`)?.keys() ?? [])];
}

/** Runs `fn` with the receivers of the given ids silenced, then restores them. */
export function withoutReceivers<R>(ids: string[], fn: () => R): R {
  const added = ids.filter((id) => !muted.has(id));
  for (const id of added) muted.add(id);
  const restore = () => {
    for (const id of added) muted.delete(id);
  };
  try {
    const result = fn();
    if (result instanceof Promise) return result.finally(restore) as R;
    restore();
    return result;
  } catch (error) {
    restore();
    throw error;
  }
}

function fire<H extends HookName, T extends TableName>(hook: H, table: T, event: Payloads<T>[H]) {
  const receivers = registry.get(`${hook}:${table}`);
  if (!receivers) return;
  for (const [id, receiver] of receivers) {
    if (!muted.has(id)) (receiver as Receiver<H, T>)(event);
  }
}

// ---------------------------------------------------------------------------------------
// Transactions and after-commit callbacks

// The callbacks queued by the transaction in progress on the (single) connection.
const transaction = processSingleton("transaction", () => ({
  pending: null as Array<() => unknown> | null,
}));

/**
 * Runs `fn` in a transaction (a savepoint when nested). Callbacks queued with `onCommit`
 * run after the outermost commit, in order; those queued inside a rolled-back savepoint
 * or transaction are dropped. `fn` must be synchronous, like better-sqlite3 itself.
 *
 * The outermost transaction begins IMMEDIATE: it takes the write lock up front, waiting
 * out busy_timeout, rather than failing with SQLITE_BUSY when a read turns into a write.
 * Its control statements are prepared once per connection (better-sqlite3's own
 * `transaction()` wrapper costs a closure and lookups on every call).
 */
export function atomic<R>(fn: () => R): R {
  const control = transactionControl(getDb());
  if (control.sqlite.inTransaction && transaction.pending) {
    const queued = transaction.pending;
    const mark = queued.length;
    control.savepoint.run();
    try {
      const result = fn();
      control.release.run();
      return result;
    } catch (error) {
      control.rollbackToSavepoint.run();
      control.release.run();
      queued.length = mark;
      throw error;
    }
  }
  const queued: Array<() => unknown> = [];
  transaction.pending = queued;
  let result: R;
  try {
    control.begin.run();
    try {
      result = fn();
      if (result instanceof Promise) throw new TypeError("atomic() cannot run an async function");
      control.commit.run();
    } catch (error) {
      if (control.sqlite.inTransaction) control.rollback.run();
      throw error;
    }
  } finally {
    transaction.pending = null;
  }
  for (const callback of queued) runRobustly(callback);
  return result;
}

const controls = new WeakMap<Db, ReturnType<typeof prepareControl>>();

function transactionControl(db: Db) {
  let control = controls.get(db);
  if (!control) {
    control = prepareControl(db);
    controls.set(db, control);
  }
  return control;
}

function prepareControl(db: Db) {
  const sqlite = db.$client;
  return {
    sqlite,
    begin: sqlite.prepare("BEGIN IMMEDIATE"),
    commit: sqlite.prepare("COMMIT"),
    rollback: sqlite.prepare("ROLLBACK"),
    // One name serves every level: SQLite releases and rolls back the innermost one.
    savepoint: sqlite.prepare("SAVEPOINT cairo_nested"),
    release: sqlite.prepare("RELEASE cairo_nested"),
    rollbackToSavepoint: sqlite.prepare("ROLLBACK TO cairo_nested"),
  };
}

/** Queues `callback` for after the outermost commit, or runs it now outside a transaction. */
export function onCommit(callback: () => unknown): void {
  if (transaction.pending) transaction.pending.push(callback);
  else runRobustly(callback);
}

function runRobustly(callback: () => unknown) {
  const report = (error: unknown) => console.error("[events] afterCommit receiver failed:", error);
  try {
    const result = callback();
    if (result instanceof Promise) result.catch(report);
  } catch (error) {
    report(error);
  }
}

function queueAfterCommit<T extends TableName>(table: T, event: CommittedEvent<T>) {
  const receivers = registry.get(`afterCommit:${table}`);
  if (!receivers) return;
  for (const [id, receiver] of receivers) {
    if (!muted.has(id)) onCommit(() => (receiver as Receiver<"afterCommit", T>)(event));
  }
}

// ---------------------------------------------------------------------------------------
// Writes

function table<T extends TableName>(name: T): SQLiteTable & { id: (typeof users)["id"] } {
  return tables[name] as unknown as SQLiteTable & { id: (typeof users)["id"] };
}

/**
 * Single-row statements are prepared once per connection, table and set of columns, then
 * reused: building and compiling SQL for every message was most of a send's cost.
 */
const statements = new WeakMap<Db, Map<string, PreparedWrite>>();
type PreparedWrite = { get(values: Record<string, unknown>): unknown };

function prepared(key: string, build: () => PreparedWrite): PreparedWrite {
  const db = getDb();
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let statement = cache.get(key);
  if (!statement) {
    statement = build();
    cache.set(key, statement);
  }
  return statement;
}

/** The columns given a value (undefined means "use the default"), in a stable order. */
function definedColumns(values: object): string[] {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined)
    .map(([column]) => column)
    .sort();
}

function placeholders(columns: string[]) {
  return Object.fromEntries(columns.map((column) => [column, sql.placeholder(column)]));
}

/** One row by id, through a statement prepared once: the hot lookup of every write path. */
export function findRow<T extends TableName>(name: T, id: number): Row<T> | undefined {
  const statement = prepared(`find:${name}`, () => {
    const t = table(name);
    return getDb()
      .select()
      .from(t)
      .where(eq(t.id, sql.placeholder("id")))
      .prepare();
  });
  return statement.get({ id }) as Row<T> | undefined;
}

export function insert<T extends TableName>(name: T, values: NewRow<T>): Row<T> {
  return atomic(() => {
    const instance = { ...values };
    fire("preSave", name, { table: name, instance, created: true });
    const columns = definedColumns(instance);
    const statement = prepared(`insert:${name}:${columns}`, () =>
      getDb()
        .insert(table(name))
        .values(placeholders(columns) as never)
        .returning()
        .prepare(),
    );
    const row = statement.get(instance) as Row<T>;
    const event: SaveEvent<T> = { table: name, instance: row, created: true };
    queueAfterCommit(name, { kind: "save", ...event });
    fire("postSave", name, event);
    return row;
  });
}

/**
 * Updates one row by id. Only the columns that actually change are written; when nothing
 * changes no statement runs and no hook fires after preSave. Returns undefined if the row
 * does not exist.
 */
export function update<T extends TableName>(
  name: T,
  id: number,
  changes: Changes<T>,
): Row<T> | undefined {
  return atomic(() => {
    const previous = findRow(name, id);
    if (!previous) return undefined;
    const instance = { ...previous, ...changes } as NewRow<T>;
    fire("preSave", name, { table: name, instance, created: false, previous });
    const changed = changedColumns(previous, instance);
    if (Object.keys(changed).length === 0) return previous;
    const columns = definedColumns(changed);
    const statement = prepared(`update:${name}:${columns}`, () => {
      const t = table(name);
      return getDb()
        .update(t)
        .set(placeholders(columns) as never)
        .where(eq(t.id, sql.placeholder("__id")))
        .returning()
        .prepare();
    });
    const row = statement.get({ ...changed, __id: id }) as Row<T>;
    const event: SaveEvent<T> = { table: name, instance: row, created: false, previous };
    queueAfterCommit(name, { kind: "save", ...event });
    fire("postSave", name, event);
    return row;
  });
}

function changedColumns(previous: object, next: object): Record<string, unknown> {
  const before = previous as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(next).filter(([key, value]) => key !== "id" && before[key] !== value),
  );
}

/** Deletes one row by id; returns the deleted row, or undefined if there was none. */
export function remove<T extends TableName>(name: T, id: number): Row<T> | undefined {
  return atomic(() => {
    const instance = findRow(name, id);
    if (!instance) return undefined;
    fire("preDelete", name, { table: name, instance });
    const t = table(name);
    getDb().delete(t).where(eq(t.id, id)).run();
    const event: DeleteEvent<T> = { table: name, instance };
    queueAfterCommit(name, { kind: "delete", ...event });
    fire("postDelete", name, event);
    return instance;
  });
}

/** One UPDATE statement for every row matching `where`; fires one bulkUpdate event. */
export function updateWhere<T extends TableName>(
  name: T,
  where: SQL | undefined,
  changes: Changes<T>,
): Row<T>[] {
  return atomic(() => {
    const rows = getDb()
      .update(table(name))
      .set(changes as never)
      .where(where)
      .returning()
      .all() as Row<T>[];
    if (rows.length === 0) return rows;
    const event: BulkUpdateEvent<T> = { table: name, rows, changes };
    queueAfterCommit(name, { kind: "bulkUpdate", ...event });
    fire("bulkUpdate", name, event);
    return rows;
  });
}

/** One DELETE statement for every row matching `where`; fires one bulkDelete event. */
export function deleteWhere<T extends TableName>(name: T, where: SQL | undefined): Row<T>[] {
  return atomic(() => {
    const rows = getDb().delete(table(name)).where(where).returning().all() as Row<T>[];
    if (rows.length === 0) return rows;
    const event: BulkDeleteEvent<T> = { table: name, rows };
    queueAfterCommit(name, { kind: "bulkDelete", ...event });
    fire("bulkDelete", name, event);
    return rows;
  });
}
