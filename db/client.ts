import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { migrate as migrateSqliteFolder } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePgFolder } from "drizzle-orm/node-postgres/migrator";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import pg from "pg";
import { type Dialect, dialectOf, sqliteFile } from "./dialect";
import * as postgresSchema from "./schema/postgres";
import * as sqliteSchema from "./schema/sqlite";
import { processSingleton } from "./singleton";
import { cacheStatements } from "./sqlite-statements";
import { countingLogger } from "./statement-counter";

/**
 * The database handle the app's queries are written against. Both dialects' query builders
 * are awaited the same way, so one type serves both; terminal methods that exist in one
 * dialect only (`.get()`, `.all()`, `.run()`) must not be used outside db/.
 */
export type Db = BaseSQLiteDatabase<"async", unknown, typeof sqliteSchema>;

/**
 * An open database. SQLite has two connections on one file: every transaction runs on the
 * writer, one at a time; reads outside a transaction use the reader, which in WAL mode only
 * ever sees committed data. PostgreSQL has a pool: reads take any client, a transaction
 * holds one for its whole life.
 */
export type Connection =
  | { dialect: "sqlite"; reader: Db; writer: Db; sqlite: Database.Database; close(): void }
  | { dialect: "postgres"; reader: Db; pool: pg.Pool; close(): Promise<void> };

export const SQLITE_MIGRATIONS = path.join(process.cwd(), "db", "migrations", "sqlite");
export const POSTGRES_MIGRATIONS = path.join(process.cwd(), "db", "migrations", "postgres");

function openSqliteConnection(file: string): Database.Database {
  if (file !== ":memory:") {
    // The database lives wherever DATABASE_URL says, outside the traced build output.
    fs.mkdirSync(path.dirname(path.resolve(/*turbopackIgnore: true*/ file)), { recursive: true });
  }
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  cacheStatements(sqlite);
  return sqlite;
}

function openSqlite(file: string): Connection {
  if (file === ":memory:") throw new Error("SQLite needs a file: two connections share it.");
  const writerClient = openSqliteConnection(file);
  const writer = drizzleSqlite({
    client: writerClient,
    schema: sqliteSchema,
    logger: countingLogger,
  });
  // Migrations are cheap and synchronous here: the embedded default needs no setup step.
  migrateSqlite(writer);
  const readerClient = openSqliteConnection(file);
  const reader = drizzleSqlite({
    client: readerClient,
    schema: sqliteSchema,
    logger: countingLogger,
  });
  return {
    dialect: "sqlite",
    reader: reader as unknown as Db,
    writer: writer as unknown as Db,
    sqlite: writerClient,
    close() {
      readerClient.close();
      writerClient.close();
    },
  };
}

/**
 * Foreign keys are off while migrating, as SQLite's table rebuild requires (a pragma inside
 * the migrator's transaction would do nothing): dropping the old copy of a rebuilt table
 * must not cascade into the tables referencing it. They are checked before turning back on.
 */
function migrateSqlite(db: ReturnType<typeof drizzleSqlite>) {
  const client = (db as unknown as { $client: Database.Database }).$client;
  client.pragma("foreign_keys = OFF");
  try {
    migrateSqliteFolder(db, { migrationsFolder: SQLITE_MIGRATIONS });
    const broken = client.pragma("foreign_key_check") as unknown[];
    if (broken.length > 0) throw new Error(`migration broke ${broken.length} foreign keys`);
  } finally {
    client.pragma("foreign_keys = ON");
  }
}

// int8 (bigint: timestamps and count(*)) as numbers: milliseconds and counts fit safely.
// Set on pg's global parsers: Drizzle passes its own `types` with every query, which
// override a pool's and fall back to the global ones, so a pool-level parser never applies.
function parseInt8AsNumber() {
  pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
}

function openPostgres(url: string): Connection {
  parseInt8AsNumber();
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    connectionTimeoutMillis: 5_000,
  });
  // An idle client losing its server (a restart) must not crash the process.
  pool.on("error", (error) => console.error("[db] idle PostgreSQL client failed:", error.message));
  const reader = drizzlePg({ client: pool, schema: postgresSchema, logger: countingLogger });
  return { dialect: "postgres", reader: reader as unknown as Db, pool, close: () => pool.end() };
}

// The pool reuses its clients: so do we, rather than build Drizzle for every transaction.
const onClient = new WeakMap<pg.PoolClient, Db>();

/** Drizzle over one pooled client: what a PostgreSQL transaction runs its statements on. */
export function drizzleOnClient(client: pg.PoolClient): Db {
  let db = onClient.get(client);
  if (!db) {
    db = drizzlePg({ client, schema: postgresSchema, logger: countingLogger }) as unknown as Db;
    onClient.set(client, db);
  }
  return db;
}

export function openDatabase(url = process.env.DATABASE_URL): Connection {
  return dialectOf(url) === "postgres" ? openPostgres(url as string) : openSqlite(sqliteFile(url));
}

/** Applies every pending migration of the database `connection` is open on. */
export async function migrateDatabase(connection = getConnection()): Promise<void> {
  if (connection.dialect === "sqlite") return migrateSqlite(connection.writer as never);
  const client = await connection.pool.connect();
  try {
    // Several servers may start at once: one migrates, the others wait and find it done.
    await client.query("select pg_advisory_lock(7261001)");
    await migratePgFolder(drizzlePg({ client }), { migrationsFolder: POSTGRES_MIGRATIONS });
  } finally {
    await client.query("select pg_advisory_unlock(7261001)").catch(() => undefined);
    client.release();
  }
}

// One connection per process, shared by every module layer and kept across dev reloads.
const state = processSingleton("connection", () => ({
  connection: undefined as Connection | undefined,
}));

export function getConnection(): Connection {
  state.connection ??= openDatabase();
  return state.connection;
}

export function dialect(): Dialect {
  return getConnection().dialect;
}

/**
 * Tests and scripts: switch to another database, closing the one in use. The tables were
 * chosen by DATABASE_URL when db/schema loaded: a connection of the other dialect would
 * run the wrong table definitions, so it is refused.
 */
export async function useDatabase(connection: Connection): Promise<void> {
  if (connection.dialect !== dialectOf()) {
    throw new Error(
      `DATABASE_URL names ${dialectOf()}, so the schema is ${dialectOf()}'s: set it to the ` +
        `${connection.dialect} database before the app's modules load.`,
    );
  }
  const previous = state.connection;
  state.connection = connection;
  await previous?.close();
}

export async function closeDatabase(): Promise<void> {
  const previous = state.connection;
  state.connection = undefined;
  await previous?.close();
}
