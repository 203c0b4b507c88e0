/**
 * Which database DATABASE_URL names: `postgres://` or `postgresql://` is PostgreSQL;
 * unset, a file path or `file:...` is the embedded SQLite default.
 */
export type Dialect = "sqlite" | "postgres";

export const DEFAULT_SQLITE_FILE = "data/cairo-chat.db";

export function dialectOf(url = process.env.DATABASE_URL): Dialect {
  return url && /^postgres(ql)?:\/\//i.test(url) ? "postgres" : "sqlite";
}

export function sqliteFile(url = process.env.DATABASE_URL): string {
  return url?.replace(/^file:/, "") || DEFAULT_SQLITE_FILE;
}
