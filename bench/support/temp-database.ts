import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
// Aliased: a name starting with "use" reads as a React hook to the linter.
import {
  type Connection,
  closeDatabase,
  migrateDatabase,
  openDatabase,
  useDatabase as switchDatabase,
} from "@/db/client";
import { dialectOf } from "@/db/dialect";
import { registerReceivers } from "@/lib/receivers";

export type BenchDialect = "sqlite" | "postgres";

export const DIALECT_NAMES: Record<BenchDialect, string> = {
  sqlite: "SQLite",
  postgres: "PostgreSQL",
};

/** Where PostgreSQL figures run when BENCH_DATABASE_URL_PG names no server. */
export const DEFAULT_POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432/postgres";

export function postgresServer(): string {
  return process.env.BENCH_DATABASE_URL_PG || DEFAULT_POSTGRES_SERVER;
}

/** Whether the PostgreSQL server answers (a two-second connection attempt). */
export async function postgresReachable(url = postgresServer()): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresServer() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Waits (up to 5 s) until no session is connected to database `name`: a closed pool's
 * clients are still saying goodbye when `end()` resolves, and a forced drop would cut them
 * off with an error on the app's pool.
 */
async function disconnected(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresServer() });
  await client.connect();
  try {
    for (let waited = 0; waited < 5_000; waited += 50) {
      const { rows } = await client.query(
        "select count(*)::int as n from pg_stat_activity where datname = $1",
        [name],
      );
      if (rows[0]?.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.end();
  }
}

/** int8 (count(*), bigint timestamps) as numbers, as the app reads them. */
const int8AsNumber = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === pg.types.builtins.INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as "text");
  },
};

/**
 * Raw SQL on the benchmark's database, beside the app's own queries: bulk loading, plans,
 * the baselines. `?` placeholders in both dialects. SQLite runs it on the writer's
 * better-sqlite3 handle, PostgreSQL on the pool (one client when `client` is given).
 */
export interface Raw {
  dialect: BenchDialect;
  all<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** The first column of the first row. */
  value<T = unknown>(text: string, params?: unknown[]): Promise<T>;
  run(text: string, params?: unknown[]): Promise<void>;
  /**
   * Rows into `table` in big batches: one prepared statement in one transaction on SQLite,
   * multi-row INSERTs of up to 60,000 parameters each on PostgreSQL (one round trip per
   * batch, not per row).
   */
  insertMany(table: string, columns: string[], rows: unknown[][]): Promise<void>;
}

/** `?` placeholders as PostgreSQL's `$1, $2, ...` (none of our SQL has `?` in a string). */
export function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

/** SQLite stores booleans as 0/1. */
const sqliteValue = (value: unknown) => (typeof value === "boolean" ? Number(value) : value);

export function rawOn(connection: Connection, client?: pg.PoolClient): Raw {
  if (connection.dialect === "sqlite") {
    const { sqlite } = connection;
    const statement = (text: string) => sqlite.prepare(text);
    return {
      dialect: "sqlite",
      async all<T>(text: string, params: unknown[] = []) {
        return statement(text).all(...params.map(sqliteValue)) as T[];
      },
      async value<T>(text: string, params: unknown[] = []) {
        return statement(text)
          .pluck()
          .get(...params.map(sqliteValue)) as T;
      },
      async run(text: string, params: unknown[] = []) {
        const prepared = statement(text);
        if (prepared.reader) prepared.all(...params.map(sqliteValue));
        else prepared.run(...params.map(sqliteValue));
      },
      async insertMany(table, columns, rows) {
        const insert = sqlite.prepare(
          `insert into ${table} (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")})`,
        );
        sqlite.transaction(() => {
          for (const row of rows) insert.run(...row.map(sqliteValue));
        })();
      },
    };
  }
  const on = client ?? connection.pool;
  const query = async (text: string, params: unknown[]) =>
    (await on.query({ text: numbered(text), values: params, types: int8AsNumber })).rows;
  return {
    dialect: "postgres",
    all: async <T>(text: string, params: unknown[] = []) => (await query(text, params)) as T[],
    async value<T>(text: string, params: unknown[] = []) {
      const [row] = await query(text, params);
      return (row ? Object.values(row)[0] : undefined) as T;
    },
    run: async (text: string, params: unknown[] = []) => void (await query(text, params)),
    async insertMany(table, columns, rows) {
      const tuple = `(${columns.map(() => "?").join(", ")})`;
      const perBatch = Math.floor(60_000 / columns.length);
      for (let start = 0; start < rows.length; start += perBatch) {
        const batch = rows.slice(start, start + perBatch);
        await query(
          `insert into ${table} (${columns.join(", ")}) values ${batch.map(() => tuple).join(", ")}`,
          batch.flat(),
        );
      }
    },
  };
}

export interface TempDatabase {
  dialect: BenchDialect;
  /** Its DATABASE_URL: a file path, or a postgres:// URL. */
  url: string;
  connection: Connection;
  raw: Raw;
  /** Closes the connection and deletes the file, or drops the PostgreSQL database. */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database installed as the app's connection (receivers registered), so
 * lib/ functions run against it exactly as in the server: a SQLite file in a temporary
 * directory, or a new database on the PostgreSQL server, reached over loopback TCP.
 */
export async function openTempDatabase(
  dialect: BenchDialect,
  label: string,
  { keep = false }: { keep?: boolean } = {},
): Promise<TempDatabase> {
  // db/schema picks its table objects from DATABASE_URL once, at import: a process may only
  // measure the dialect it was started for (bench/index.ts starts one process per database).
  if (dialectOf() !== dialect)
    throw new Error(
      `this process was started for ${dialectOf()} (DATABASE_URL), not ${dialect}: run it through bench/index.ts`,
    );
  registerReceivers();
  let url: string;
  let cleanUp: () => Promise<void>;
  if (keep) {
    // Seeded once, reused by later runs (a million rows take minutes to write): a file or a
    // database named by `label`, closed but never deleted. BENCH_FRESH=1 starts it over.
    url = await keptDatabase(dialect, label);
    cleanUp = async () => undefined;
  } else if (dialect === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cairo-bench-${label}-`));
    url = path.join(dir, "bench.db");
    cleanUp = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `cairo_bench_${label.replace(/\W+/g, "_")}_${randomBytes(4).toString("hex")}`;
    await onServer(`create database ${name}`);
    const server = new URL(postgresServer());
    server.pathname = `/${name}`;
    url = server.toString();
    cleanUp = async () => {
      await disconnected(name);
      await onServer(`drop database if exists ${name} with (force)`);
    };
  }
  const connection = openDatabase(url);
  await migrateDatabase(connection);
  await switchDatabase(connection);
  return {
    dialect,
    url,
    connection,
    raw: rawOn(connection),
    async dispose() {
      await closeDatabase();
      await cleanUp();
    },
  };
}

/** The URL of the kept database `label`, created (empty) when missing or BENCH_FRESH=1. */
async function keptDatabase(dialect: BenchDialect, label: string): Promise<string> {
  const fresh = process.env.BENCH_FRESH === "1";
  const name = `cairo_bench_kept_${label.replace(/\W+/g, "_")}`;
  if (dialect === "sqlite") {
    const file = path.join(os.tmpdir(), "cairo-bench-kept", `${name}.db`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (fresh) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    return file;
  }
  if (fresh) {
    await disconnected(name);
    await onServer(`drop database if exists ${name} with (force)`);
  }
  const client = new pg.Client({ connectionString: postgresServer() });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const server = new URL(postgresServer());
  server.pathname = `/${name}`;
  return server.toString();
}

/** Refreshes the planner's statistics after bulk loading. */
export async function analyze(temp: TempDatabase): Promise<void> {
  await temp.raw.run("analyze");
}
