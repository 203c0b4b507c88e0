import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { type Connection, migrateDatabase, openDatabase } from "@/db/client";
import { dialectOf } from "@/db/dialect";
import { createPostgresDatabase, dropPostgresDatabase } from "./support/postgres-databases";

/**
 * A fresh database for one test file, in the dialect the run is for: a temporary SQLite
 * file, or a new database on the PostgreSQL server DATABASE_URL names (vitest's
 * `postgres` project sets it). Tables are emptied between tests with `clearDatabase`.
 */
export async function openTestDatabase(): Promise<{
  connection: Connection;
  drop(): Promise<void>;
}> {
  const base = process.env.DATABASE_URL;
  if (dialectOf(base) === "sqlite") {
    const file = path.join(os.tmpdir(), `cairo-test-${randomBytes(6).toString("hex")}.db`);
    const connection = openDatabase(file);
    return { connection, drop: async () => connection.close() };
  }
  const url = await createPostgresDatabase(base as string, "cairo_test");
  const connection = openDatabase(url);
  await migrateDatabase(connection);
  return {
    connection,
    async drop() {
      // closeDatabase() may have ended the pool already; ending it twice throws.
      if (connection.dialect === "postgres" && !connection.pool.ended) await connection.close();
      await dropPostgresDatabase(base as string, url);
    },
  };
}

const TABLES = [
  "attachments",
  "audit_log",
  "reactions",
  "sessions",
  "message_history",
  "notifications",
  "messages",
  "room_members",
  "rooms",
  "users",
];

/** Empties every table and restarts the ids, so each test starts from nothing. */
export async function clearDatabase(connection: Connection): Promise<void> {
  if (connection.dialect === "postgres") {
    await connection.pool.query(`truncate ${TABLES.join(", ")} restart identity cascade`);
    return;
  }
  // Without the cascades: every table is emptied anyway, and cascading down a reply chain
  // deeper than 1,000 levels exceeds SQLite's trigger recursion limit.
  connection.sqlite.exec(
    `pragma foreign_keys = off; ${TABLES.map((table) => `delete from ${table};`).join("\n")}
     delete from sqlite_sequence; pragma foreign_keys = on;`,
  );
}
