import "server-only";
import { type Placeholder, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import type { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { type Db, dialect } from "./client";
import { currentDb } from "./current";
import type { Dialect } from "./dialect";

/**
 * What lib/ reads with: `db()` is the current transaction's connection, or the reader.
 * Await Drizzle's builders (both dialects run them the same way); raw SQL goes through
 * `rows`/`firstRow`, and `perDialect` picks the text where the two dialects differ.
 */
export function db(): Db {
  return currentDb();
}

export async function rows<T>(query: SQL): Promise<T[]> {
  const on = currentDb();
  if (dialect() === "postgres") {
    const result = await (on as unknown as ReturnType<typeof drizzlePg>).execute(query);
    return result.rows as T[];
  }
  return (on as unknown as ReturnType<typeof drizzleSqlite>).all<T>(query);
}

export async function firstRow<T>(query: SQL): Promise<T | undefined> {
  return (await rows<T>(query))[0];
}

export function perDialect<T>(choices: Record<Dialect, () => T>): T {
  return choices[dialect()]();
}

/**
 * `column` is one of `ids`, as ONE parameter whatever the number of ids: the list, or a
 * placeholder to fill with `idsParameter` (db/prepared.ts).
 */
export function inIds(column: SQLWrapper, ids: number[] | Placeholder): SQL {
  const list = Array.isArray(ids) ? idsParameter(ids) : ids;
  return perDialect({
    sqlite: () => sql`${column} in (select value from json_each(${list}))`,
    postgres: () => sql`${column} = any(${list}::int[])`,
  });
}

/** A list of ids as `inIds`' one parameter: JSON for SQLite, an array literal for PostgreSQL. */
export function idsParameter(ids: number[]): string {
  return dialect() === "sqlite" ? JSON.stringify(ids) : `{${ids.join(",")}}`;
}

/**
 * An inner join the SQLite planner must take in the written order (CROSS JOIN pins it:
 * otherwise it may scan `messages` with an automatic index); PostgreSQL plans it well.
 */
export function pinnedJoin(): SQL {
  return sql.raw(dialect() === "sqlite" ? "cross join" : "join");
}
