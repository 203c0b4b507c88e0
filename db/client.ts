import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { registerReceivers } from "./receivers";
import * as schema from "./schema";
import { processSingleton } from "./singleton";
import { countingLogger } from "./statement-counter";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const DEFAULT_DATABASE = "data/cairo-chat.db";
const MIGRATIONS = path.join(process.cwd(), "db", "migrations");

function databasePath(): string {
  return process.env.DATABASE_URL?.replace(/^file:/, "") || DEFAULT_DATABASE;
}

/** Opens a connection, tuned for a web server with concurrent readers, and migrates it. */
export function openDatabase(file = databasePath()): Db {
  if (file !== ":memory:") {
    // The database lives wherever DATABASE_URL says, outside the traced build output.
    fs.mkdirSync(path.dirname(path.resolve(/*turbopackIgnore: true*/ file)), { recursive: true });
  }
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle({ client: sqlite, schema, logger: countingLogger });
  migrate(db, { migrationsFolder: MIGRATIONS });
  return db;
}

// One connection per process, shared by every module layer and kept across dev reloads.
const connection = processSingleton("connection", () => ({ db: undefined as Db | undefined }));

export function getDb(): Db {
  if (!connection.db) {
    connection.db = openDatabase();
    registerReceivers();
  }
  return connection.db;
}

/** Tests: swap in a fresh database (for example ":memory:"). */
export function useDatabase(db: Db): void {
  connection.db?.$client.close();
  connection.db = db;
  registerReceivers();
}
