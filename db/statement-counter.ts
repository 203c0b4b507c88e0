import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "drizzle-orm/logger";
import { processSingleton } from "./singleton";

/**
 * Counts the SQL statements Drizzle runs, so tests can assert that a page costs a
 * constant number of queries (no N+1). The count is scoped with AsyncLocalStorage,
 * so concurrent requests or tests never see each other's statements.
 */
interface Scope {
  statements: string[];
  params: unknown[][];
  control: string[];
}

// Shared by every module layer: the connection's logger may come from another layer.
const scopes = processSingleton("statement-scopes", () => new AsyncLocalStorage<Scope>());

export const countingLogger: Logger = {
  logQuery(query, params) {
    const scope = scopes.getStore();
    scope?.statements.push(query);
    scope?.params.push(params);
  },
};

/** Transaction control (BEGIN, SAVEPOINT...): round trips too, but kept apart from the SQL. */
export function logControl(statement: string) {
  scopes.getStore()?.control.push(statement);
}

export interface Counted<T> {
  result: T;
  count: number;
  statements: string[];
  /** The parameters of each statement, in the same order: what EXPLAIN needs to replay one. */
  params: unknown[][];
  /** The transaction control statements it ran, in order. */
  control: string[];
}

/** Counts the statements `fn` runs, including those of afterCommit callbacks it awaits. */
export async function countAsync<T>(fn: () => Promise<T>): Promise<Counted<T>> {
  const scope: Scope = { statements: [], params: [], control: [] };
  // Awaited inside the scope: a lazy query builder only runs once awaited.
  const result = await scopes.run(scope, async () => await fn());
  return { result, count: scope.statements.length, ...scope };
}
