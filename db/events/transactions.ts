/**
 * Transactions and after-commit callbacks, for both databases.
 *
 * The transaction in progress is carried by AsyncLocalStorage (db/current.ts): every
 * statement a request runs inside `atomic` goes to that transaction's connection
 * (PostgreSQL: one pooled client for its whole life; SQLite: the writer), and nested
 * blocks become savepoints.
 * In SQLite, transactions take turns on the single writer, so two requests never
 * interleave inside one, and reads outside a transaction go to a second connection that
 * only sees committed data.
 */
import type pg from "pg";
import { type Connection, type Db, drizzleOnClient, getConnection } from "../client";
import {
  type TransactionControl as Control,
  transactionStorage as storage,
  type Transaction,
} from "../current";
import { processSingleton } from "../singleton";
import { logControl } from "../statement-counter";

/**
 * Runs `fn` in a transaction (a savepoint when nested). Callbacks queued with `onCommit`
 * run after the outermost commit, in order; those queued inside a rolled-back savepoint
 * or transaction are dropped. Nested blocks of one transaction must run one at a time
 * (await each), as they share its connection.
 */
export async function atomic<R>(fn: () => R | Promise<R>): Promise<R> {
  const outer = storage.getStore();
  if (outer) return savepoint(outer, fn);
  const { db, control } = await begin(getConnection());
  logControl("BEGIN");
  const transaction: Transaction = { db, control, pending: [] };
  let result: R;
  let broken = false;
  try {
    result = await storage.run(transaction, fn);
    logControl("COMMIT");
    await control.commit();
  } catch (error) {
    logControl("ROLLBACK");
    await control.rollback().catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    control.end(broken);
  }
  // Awaited, in order: a write's response leaves only once its caches are expired.
  for (const callback of transaction.pending) await runRobustly(callback);
  return result;
}

async function savepoint<R>(transaction: Transaction, fn: () => R | Promise<R>): Promise<R> {
  const mark = transaction.pending.length;
  logControl("SAVEPOINT");
  await transaction.control.savepoint();
  try {
    const result = await fn();
    logControl("RELEASE");
    await transaction.control.release();
    return result;
  } catch (error) {
    logControl("ROLLBACK TO SAVEPOINT");
    await transaction.control.rollbackToSavepoint();
    logControl("RELEASE");
    await transaction.control.release();
    transaction.pending.length = mark;
    throw error;
  }
}

/**
 * Runs one write of the events layer: inside the transaction in progress when there is one
 * (a receiver's write, or writes a caller grouped with `atomic`), else in a transaction of
 * its own. Unlike a nested `atomic` it takes no savepoint (two round trips in PostgreSQL for
 * every notification a send creates): a write that fails fails the whole transaction, as a
 * failing receiver does. A caller that catches a write's failure and carries on within the
 * transaction wraps that write in `atomic`, which makes the savepoint.
 */
export function joinOrBegin<R>(fn: () => Promise<R>): Promise<R> {
  return storage.getStore() ? fn() : atomic(fn);
}

/** Queues `callback` for after the outermost commit, or runs it now outside a transaction. */
export async function onCommit(callback: () => unknown): Promise<void> {
  const transaction = storage.getStore();
  if (transaction) transaction.pending.push(callback);
  else await runRobustly(callback);
}

/** A failing callback is logged, never raised: the write it follows has committed. */
async function runRobustly(callback: () => unknown): Promise<void> {
  try {
    await callback();
  } catch (error) {
    console.error("[events] afterCommit receiver failed:", error);
  }
}

function begin(connection: Connection): Promise<{ db: Db; control: Control }> {
  return connection.dialect === "sqlite" ? beginSqlite(connection) : beginPostgres(connection);
}

// ---------------------------------------------------------------------------------------
// SQLite: one writer, taken in turn.

const writerTurns = processSingleton("sqlite-writer-turns", () => ({ tail: Promise.resolve() }));

/** Waits for the writer's turn; resolves with the function that passes it on. */
function takeWriterTurn(): Promise<() => void> {
  let passOn!: () => void;
  const done = new Promise<void>((resolve) => {
    passOn = resolve;
  });
  const previous = writerTurns.tail;
  writerTurns.tail = previous.then(() => done);
  return previous.then(() => passOn);
}

type SqliteConnection = Extract<Connection, { dialect: "sqlite" }>;
const sqliteStatements = new WeakMap<object, ReturnType<typeof prepareSqliteControl>>();

function prepareSqliteControl(connection: SqliteConnection) {
  const { sqlite } = connection;
  return {
    // IMMEDIATE takes the write lock up front (waiting out busy_timeout when another
    // process writes) rather than failing with SQLITE_BUSY when a read turns into a write.
    begin: sqlite.prepare("BEGIN IMMEDIATE"),
    commit: sqlite.prepare("COMMIT"),
    rollback: sqlite.prepare("ROLLBACK"),
    // One name serves every level: SQLite releases and rolls back the innermost one.
    savepoint: sqlite.prepare("SAVEPOINT cairo_nested"),
    release: sqlite.prepare("RELEASE cairo_nested"),
    rollbackToSavepoint: sqlite.prepare("ROLLBACK TO cairo_nested"),
  };
}

async function beginSqlite(connection: SqliteConnection) {
  let statements = sqliteStatements.get(connection);
  if (!statements) {
    statements = prepareSqliteControl(connection);
    sqliteStatements.set(connection, statements);
  }
  const s = statements;
  const passOn = await takeWriterTurn();
  try {
    s.begin.run();
  } catch (error) {
    passOn();
    throw error;
  }
  const control: Control = {
    commit: async () => void s.commit.run(),
    rollback: async () => {
      if (connection.sqlite.inTransaction) s.rollback.run();
    },
    savepoint: async () => void s.savepoint.run(),
    release: async () => void s.release.run(),
    rollbackToSavepoint: async () => void s.rollbackToSavepoint.run(),
    end: () => passOn(),
  };
  return { db: connection.writer, control };
}

// ---------------------------------------------------------------------------------------
// PostgreSQL: one pooled client for the transaction's whole life.

async function beginPostgres(connection: Extract<Connection, { dialect: "postgres" }>) {
  const client: pg.PoolClient = await connection.pool.connect();
  try {
    await client.query("BEGIN");
  } catch (error) {
    client.release(true);
    throw error;
  }
  const run = (statement: string) => async () => void (await client.query(statement));
  const control: Control = {
    commit: run("COMMIT"),
    rollback: run("ROLLBACK"),
    savepoint: run("SAVEPOINT cairo_nested"),
    release: run("RELEASE SAVEPOINT cairo_nested"),
    rollbackToSavepoint: run("ROLLBACK TO SAVEPOINT cairo_nested"),
    // A client whose rollback failed may be mid-transaction: destroy it, never reuse it.
    end: (broken) => client.release(broken),
  };
  return { db: drizzleOnClient(client), control };
}
