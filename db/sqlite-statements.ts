import type Database from "better-sqlite3";
import { createLru } from "./lru";

/** Distinct SQL texts kept compiled per connection (the app has a few hundred). */
const CACHED_STATEMENTS = 1_000;

/**
 * Keeps each connection's compiled statements, by SQL text. better-sqlite3 compiles the SQL
 * on every `prepare`, and Drizzle prepares every statement it runs, so a page compiled its
 * queries again on every request (the conversation page's recursive query most of all).
 * A statement is reusable once its last run has returned, as every run here does; Drizzle
 * switches one to raw (array) rows for its selects, so a reused one starts in object mode.
 */
export function cacheStatements(sqlite: Database.Database): void {
  const compile = sqlite.prepare.bind(sqlite);
  const statements = createLru<string, Database.Statement>(CACHED_STATEMENTS);
  sqlite.prepare = ((source: string) => {
    const cached = statements.get(source);
    if (cached) {
      if (cached.reader) cached.raw(false);
      return cached;
    }
    const statement = compile(source);
    statements.set(source, statement);
    return statement;
  }) as Database.Database["prepare"];
}
