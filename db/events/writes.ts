/**
 * The writes of the events layer. Every write to the app's tables goes through `insert`,
 * `update`, `remove`, `updateWhere` or `deleteWhere`. Each runs in the transaction in
 * progress, or in one of its own (transactions.ts joinOrBegin), and fires hooks around its
 * statement:
 *
 *   preSave / postSave      one row saved (`created` tells insert from update)
 *   preDelete / postDelete  one row deleted
 *   bulkUpdate / bulkDelete one event for a whole set-based statement, with the rows it hit
 *   bulkInsert              one event for an INSERT ... SELECT, with the rows it stored
 *   afterCommit             every write above, replayed after the outermost commit in the
 *                           order the statements ran (a message before its notification)
 *
 * In-transaction receivers run inside the write's transaction: if one throws, the write and
 * every side effect roll back. afterCommit receivers run only once the outermost
 * transaction has committed, are dropped on rollback, and a failing one is logged rather
 * than raised (Django's send_robust).
 */
import { eq, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { currentDb } from "../current";
import { preparedRow } from "../prepared";
import { rows as rawRows } from "../query";
import type { users } from "../schema";
import { assertReceiversRegistered, fire, receiversOf } from "./registry";
import { joinOrBegin, onCommit } from "./transactions";
import {
  type BulkDeleteEvent,
  type BulkInsertEvent,
  type BulkUpdateEvent,
  type Changes,
  type CommittedEvent,
  type DeleteEvent,
  type NewRow,
  type Row,
  type SaveEvent,
  type TableName,
  tables,
} from "./types";

type Table = SQLiteTable & { id: (typeof users)["id"] };
const table = (name: TableName) => tables[name] as unknown as Table;

function queueAfterCommit<T extends TableName>(name: T, event: CommittedEvent<T>) {
  // Always inside a write's transaction here, so this only queues: nothing to await.
  for (const receiver of receiversOf("afterCommit", name)) void onCommit(() => receiver(event));
}

/** One row by id: the hot lookup of every write path. */
export function findRow<T extends TableName>(name: T, id: number): Promise<Row<T> | undefined> {
  return preparedRow(
    `find:${name}`,
    (db) =>
      db
        .select()
        .from(table(name))
        .where(eq(table(name).id, sql.placeholder("id"))),
    { id },
  );
}

export async function insert<T extends TableName>(name: T, values: NewRow<T>): Promise<Row<T>> {
  assertReceiversRegistered();
  return joinOrBegin(async () => {
    const instance = { ...values };
    await fire("preSave", name, { table: name, instance, created: true });
    const columns = definedColumns(instance);
    const row = (await preparedRow(
      `insert:${name}:${columns}`,
      (db) =>
        db
          .insert(table(name))
          .values(placeholders(columns) as never)
          .returning(),
      instance,
    )) as Row<T>;
    const event: SaveEvent<T> = { table: name, instance: row, created: true };
    queueAfterCommit(name, { kind: "save", ...event });
    await fire("postSave", name, event);
    return row;
  });
}

/**
 * ONE statement that inserts `values` or, when a row with the same `target` columns exists,
 * applies `set` to it instead (INSERT ... ON CONFLICT DO UPDATE ... RETURNING). The statement
 * cannot tell which it did, so its save event says `created: false` with no `previous`:
 * receivers read the row it returns. preSave sees the values as for an insert.
 */
export async function upsert<T extends TableName>(
  name: T,
  values: NewRow<T>,
  conflict: { target: (keyof NewRow<T> & string)[]; set: Record<string, SQL> },
): Promise<Row<T>> {
  assertReceiversRegistered();
  return joinOrBegin(async () => {
    const instance = { ...values };
    await fire("preSave", name, { table: name, instance, created: true });
    const columns = table(name) as unknown as Record<string, SQLiteColumn>;
    const [row] = (await currentDb()
      .insert(table(name))
      .values(instance as never)
      .onConflictDoUpdate({
        target: conflict.target.map((column) => columns[column] as SQLiteColumn),
        set: conflict.set as never,
      })
      .returning()) as Row<T>[];
    const event: SaveEvent<T> = { table: name, instance: row as Row<T>, created: false };
    queueAfterCommit(name, { kind: "save", ...event });
    await fire("postSave", name, event);
    return row as Row<T>;
  });
}

/**
 * Updates one row by id. Only the columns that actually change are written; when nothing
 * changes no statement runs and no hook fires after preSave. Returns undefined if the row
 * does not exist.
 */
export async function update<T extends TableName>(
  name: T,
  id: number,
  changes: Changes<T>,
): Promise<Row<T> | undefined> {
  assertReceiversRegistered();
  return joinOrBegin(async () => {
    const previous = await findRow(name, id);
    if (!previous) return undefined;
    const instance = { ...previous, ...changes } as NewRow<T>;
    await fire("preSave", name, { table: name, instance, created: false, previous });
    const changed = changedColumns(previous, instance);
    if (Object.keys(changed).length === 0) return previous;
    const columns = definedColumns(changed);
    const row = (await preparedRow(
      `update:${name}:${columns}`,
      (db) =>
        db
          .update(table(name))
          .set(placeholders(columns) as never)
          .where(eq(table(name).id, sql.placeholder("__id")))
          .returning(),
      { ...changed, __id: id },
    )) as Row<T>;
    const event: SaveEvent<T> = { table: name, instance: row, created: false, previous };
    queueAfterCommit(name, { kind: "save", ...event });
    await fire("postSave", name, event);
    return row;
  });
}

/** Deletes one row by id; returns the deleted row, or undefined if there was none. */
export async function remove<T extends TableName>(
  name: T,
  id: number,
): Promise<Row<T> | undefined> {
  assertReceiversRegistered();
  return joinOrBegin(async () => {
    const instance = await findRow(name, id);
    if (!instance) return undefined;
    await fire("preDelete", name, { table: name, instance });
    await currentDb()
      .delete(table(name))
      .where(eq(table(name).id, id));
    const event: DeleteEvent<T> = { table: name, instance };
    queueAfterCommit(name, { kind: "delete", ...event });
    await fire("postDelete", name, event);
    return instance;
  });
}

/** One UPDATE statement for every row matching `where`; fires one bulkUpdate event. */
export async function updateWhere<T extends TableName>(
  name: T,
  where: SQL | undefined,
  changes: Changes<T>,
): Promise<Row<T>[]> {
  assertReceiversRegistered();
  return joinOrBegin(async () => {
    const rows = (await currentDb()
      .update(table(name))
      .set(changes as never)
      .where(where)
      .returning()) as Row<T>[];
    if (rows.length === 0) return rows;
    const event: BulkUpdateEvent<T> = { table: name, rows, changes };
    queueAfterCommit(name, { kind: "bulkUpdate", ...event });
    await fire("bulkUpdate", name, event);
    return rows;
  });
}

/** One DELETE statement for every row matching `where`; fires one bulkDelete event. */
export async function deleteWhere<T extends TableName>(
  name: T,
  where: SQL | undefined,
): Promise<Row<T>[]> {
  assertReceiversRegistered();
  return joinOrBegin(async () => {
    const rows = (await currentDb().delete(table(name)).where(where).returning()) as Row<T>[];
    if (rows.length === 0) return rows;
    const event: BulkDeleteEvent<T> = { table: name, rows };
    queueAfterCommit(name, { kind: "bulkDelete", ...event });
    await fire("bulkDelete", name, event);
    return rows;
  });
}

/**
 * One `INSERT INTO name (columns) <select> ON CONFLICT DO NOTHING` statement, however many
 * rows the select yields (a fan-out to every member of a room); fires one bulkInsert event
 * with the rows stored. `columns` are SQL column names, in the select's order.
 */
export async function insertFrom<T extends TableName>(
  name: T,
  columns: string[],
  select: SQL,
): Promise<Row<T>[]> {
  assertReceiversRegistered();
  return joinOrBegin(async () => {
    const target = sql.identifier(name);
    const list = sql.join(
      columns.map((column) => sql.identifier(column)),
      sql`, `,
    );
    const stored = await rawRows<Record<string, unknown>>(
      sql`insert into ${target} (${list}) ${select} on conflict do nothing returning *`,
    );
    const rows = stored.map((row) => fromDriver(name, row));
    if (rows.length === 0) return rows;
    const event: BulkInsertEvent<T> = { table: name, rows };
    queueAfterCommit(name, { kind: "bulkInsert", ...event });
    await fire("bulkInsert", name, event);
    return rows;
  });
}

/** A raw row (SQL column names, driver values) as Drizzle would have returned it. */
function fromDriver<T extends TableName>(name: T, raw: Record<string, unknown>): Row<T> {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(tables[name]))) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as Row<T>;
}

function changedColumns(previous: object, next: object): Record<string, unknown> {
  const before = previous as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(next).filter(([key, value]) => key !== "id" && before[key] !== value),
  );
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
