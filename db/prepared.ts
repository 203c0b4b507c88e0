import "server-only";
import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import { fillPlaceholders, type Query, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import type pg from "pg";
import type { Db } from "./client";
import { dialect } from "./client";
import { currentDb } from "./current";
import { countingLogger } from "./statement-counter";

/** A query builder with placeholders, as Drizzle prepares it in either dialect. */
interface Preparable {
  prepare(name?: string): {
    all?(values: Record<string, unknown>): unknown[];
    execute(values: Record<string, unknown>): Promise<unknown[]> | unknown[];
  };
}
type Prepared = ReturnType<Preparable["prepare"]>;

/**
 * Prepared once per connection and key, then run with its values. Building a query with
 * Drizzle costs more CPU than running it (about 0.2 ms in SQLite, 0.4 ms in PostgreSQL on
 * our machine), so the statements every request or every send runs are built once. In
 * PostgreSQL the statement is also parsed once per connection (a named statement). The
 * transaction's connection or the reader, as for any read: PostgreSQL's pool clients are
 * reused, and each keeps its own Drizzle instance (db/client.ts drizzleOnClient).
 */
const preparedByDb = new WeakMap<Db, Map<string, Prepared>>();

export async function preparedRows<R>(
  key: string,
  build: (db: Db) => unknown,
  values: Record<string, unknown>,
): Promise<R[]> {
  const db = currentDb();
  let cache = preparedByDb.get(db);
  if (!cache) {
    cache = new Map();
    preparedByDb.set(db, cache);
  }
  let statement = cache.get(key);
  const postgres = dialect() === "postgres";
  if (!statement) {
    statement = (build(db) as Preparable).prepare(postgres ? statementName(key) : undefined);
    cache.set(key, statement);
  }
  if (postgres) return (await statement.execute(values)) as R[];
  return (statement.all as NonNullable<Prepared["all"]>)(values) as R[];
}

export async function preparedRow<R>(
  key: string,
  build: (db: Db) => unknown,
  values: Record<string, unknown>,
): Promise<R | undefined> {
  return (await preparedRows<R>(key, build, values))[0];
}

/** Raw SQL with placeholders, turned into text once per key. */
const compiled = new Map<string, Query>();

/**
 * `rows` (db/query.ts) for raw SQL that runs with every send or request: the SQL is
 * written out once per key, with `sql.placeholder`s for what changes; rows come back as
 * the driver returns them, as from `rows`.
 */
export async function preparedSqlRows<R>(
  key: string,
  build: () => SQL,
  values: Record<string, unknown>,
): Promise<R[]> {
  const postgres = dialect() === "postgres";
  let query = compiled.get(key);
  if (!query) {
    query = (postgres ? new PgDialect() : new SQLiteSyncDialect()).sqlToQuery(build());
    compiled.set(key, query);
  }
  const params = fillPlaceholders(query.params, values);
  countingLogger.logQuery(query.sql, params);
  const client = (currentDb() as unknown as { $client: unknown }).$client;
  if (postgres) {
    const result = await (client as pg.Pool | pg.PoolClient).query({
      name: statementName(key),
      text: query.sql,
      values: params,
    });
    return result.rows as R[];
  }
  return (client as Database.Database).prepare(query.sql).all(...params) as R[];
}

export async function preparedSqlRow<R>(
  key: string,
  build: () => SQL,
  values: Record<string, unknown>,
): Promise<R | undefined> {
  return (await preparedSqlRows<R>(key, build, values))[0];
}

/**
 * PostgreSQL truncates statement names to 63 bytes, so a key gets a short name; derived from
 * the key alone, since Next loads this module once per bundle layer and the layers share
 * the pool's connections: a counter in each copy would give one name to two statements.
 */
function statementName(key: string): string {
  return `cairo_${createHash("sha256").update(key).digest("base64url").slice(0, 32)}`;
}
