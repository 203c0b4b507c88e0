import { AsyncLocalStorage } from "node:async_hooks";
import { type Db, getConnection } from "./client";
import { processSingleton } from "./singleton";

/**
 * Which connection is current: the transaction in progress (carried by AsyncLocalStorage,
 * so every statement a request runs inside `atomic` goes to that transaction's connection),
 * else the reader. The events layer (db/events/transactions.ts) opens and closes
 * transactions; the raw-SQL helpers and prepared statements only ask where to run.
 */
export interface TransactionControl {
  commit(): Promise<void>;
  rollback(): Promise<void>;
  savepoint(): Promise<void>;
  release(): Promise<void>;
  rollbackToSavepoint(): Promise<void>;
  /** Gives the connection back (SQLite: the writer's turn; PostgreSQL: the client). */
  end(broken: boolean): void;
}

export interface Transaction {
  db: Db;
  control: TransactionControl;
  /** afterCommit callbacks, in the order their writes ran. */
  pending: Array<() => unknown>;
}

export const transactionStorage = processSingleton(
  "transaction-storage",
  () => new AsyncLocalStorage<Transaction>(),
);

/** Where a statement runs now: the current transaction's connection, or the reader. */
export function currentDb(): Db {
  return transactionStorage.getStore()?.db ?? getConnection().reader;
}

export function inTransaction(): boolean {
  return transactionStorage.getStore() !== undefined;
}
