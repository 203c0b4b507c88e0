import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
// Aliased: a name starting with "use" reads as a React hook to the linter.
import {
  closeDatabase,
  migrateDatabase,
  openDatabase,
  useDatabase as switchDatabase,
} from "@/db/client";
import { dialectOf } from "@/db/dialect";
import { insert } from "@/db/events";
import { hashPassword } from "@/lib/accounts/passwords";
import { registerReceivers } from "@/lib/receivers";
import { createPostgresDatabase, dropPostgresDatabase } from "@/tests/support/postgres-databases";

const TABLES = ["users", "messages", "notifications", "message_history"] as const;
export type TableName = (typeof TABLES)[number];

/** A fresh directory under `root` (the run's temporary root, or the system temp dir). */
export function makeWorkDir(label: string, root = os.tmpdir()): string {
  return fs.mkdtempSync(path.join(root, `cairo-${label}-`));
}

export function removeWorkDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * A fresh, empty database for one test file: a SQLite file in `dir`, or, when the run is
 * for PostgreSQL (RELIABILITY_DATABASE_URL_PG names a server), a new database on it.
 * Returns its DATABASE_URL.
 */
export async function createDatabase(dir: string): Promise<string> {
  const server = process.env.RELIABILITY_DATABASE_URL_PG;
  if (!server) return path.join(dir, "cairo.db");
  return createPostgresDatabase(server, "cairo_reliability");
}

export async function dropDatabase(url: string): Promise<void> {
  const server = process.env.RELIABILITY_DATABASE_URL_PG;
  if (!server || dialectOf(url) !== "postgres") return;
  await dropPostgresDatabase(server, url);
}

/**
 * Runs `fn` with `url` as the app's database (migrated, receivers connected), so seeding
 * goes through lib/ and the events layer exactly as the server would; then closes it.
 * Seed before the server starts: writes from this process would not expire its data cache.
 */
export async function withAppDatabase<T>(url: string, fn: () => T | Promise<T>): Promise<T> {
  const connection = openDatabase(url);
  await migrateDatabase(connection);
  await switchDatabase(connection);
  registerReceivers();
  try {
    return await fn();
  } finally {
    await closeDatabase();
  }
}

export interface Person {
  id: number;
  name: string;
  email: string;
  password: string;
}

/**
 * Creates users, each with a password of their own. A cheap scrypt cost keeps sign-ins fast
 * under load; `fullCost` users get the production cost (the sign-in timing needs it).
 */
export async function createPeople(names: string[], { fullCost = false } = {}): Promise<Person[]> {
  const people: Person[] = [];
  for (const name of names) {
    const slug = name.toLowerCase().replace(/\W+/g, ".");
    const password = `password of ${slug}`;
    const passwordHash = await hashPassword(password, fullCost ? undefined : 2 ** 10);
    const user = await insert("users", { name, email: `${slug}@reliability.test`, passwordHash });
    people.push({ id: user.id, name, email: user.email, password });
  }
  return people;
}

/** Raw SQL on a database from outside the server; `?` placeholders in both dialects. */
export interface Inspector {
  dialect: "sqlite" | "postgres";
  all<T = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<T[]>;
  row<T = Record<string, unknown>>(text: string, ...params: unknown[]): Promise<T | undefined>;
  /** The first column of the first row, with integers (counts, ids) as numbers. */
  value(text: string, ...params: unknown[]): Promise<unknown>;
}

/**
 * A look at the database from outside the server. A SQLite file is not opened read-only,
 * so that, after a crash, it can replay the WAL the killed server left behind.
 */
export async function inspect<T>(url: string, fn: (db: Inspector) => Promise<T> | T): Promise<T> {
  if (dialectOf(url) === "postgres") {
    const client = new pg.Client({ connectionString: url, types: int8AsNumber });
    await client.connect();
    const all = async (text: string, ...params: unknown[]) => {
      let n = 0;
      const result = await client.query(
        // `?` placeholders become $1, $2...; a `?` inside a quoted literal stays.
        text.replace(/'(?:[^']|'')*'|\?/g, (match) => (match === "?" ? `$${++n}` : match)),
        params,
      );
      return result.rows.map(numbersFromPostgres);
    };
    try {
      return await fn(inspector("postgres", all as Inspector["all"]));
    } finally {
      await client.end();
    }
  }
  const db = new Database(url, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  try {
    const all = async (text: string, ...params: unknown[]) => db.prepare(text).all(...params);
    return await fn(inspector("sqlite", all as Inspector["all"]));
  } finally {
    db.close();
  }
}

function inspector(dialect: Inspector["dialect"], all: Inspector["all"]): Inspector {
  return {
    dialect,
    all,
    row: async (text, ...params) => (await all(text, ...params))[0] as never,
    value: async (text, ...params) => {
      const [first] = await all(text, ...params);
      return first ? Object.values(first)[0] : undefined;
    },
  };
}

/** Booleans as SQLite stores them (0/1), so one expectation serves both databases. */
function numbersFromPostgres(row: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => [
      key,
      typeof value === "boolean" ? Number(value) : value,
    ]),
  );
}

// bigint (count(*), timestamps) as numbers rather than text.
const int8AsNumber = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === pg.types.builtins.INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as "text");
  },
};

/** A hash of every row of every table: equal before and after means nothing was written. */
export async function fingerprint(url: string): Promise<string> {
  return inspect(url, async (db) => {
    const hash = createHash("sha256");
    for (const table of TABLES) {
      hash.update(table);
      hash.update(JSON.stringify(await db.all(`select * from ${table} order by id`)));
    }
    return hash.digest("hex");
  });
}

export async function rowCounts(url: string): Promise<Record<TableName, number>> {
  return inspect(url, async (db) => {
    const counts: Partial<Record<TableName, number>> = {};
    for (const table of TABLES) {
      counts[table] = Number(await db.value(`select count(*) as n from ${table}`));
    }
    return counts as Record<TableName, number>;
  });
}

export interface IntegrityReport {
  integrity: string[];
  /** References that point nowhere, and messages addressed to neither a person nor a room. */
  foreignKeyViolations: Violation[];
  /** Direct messages to someone else with no notification (a note to self has none by design). */
  messagesWithoutNotification: number;
  /**
   * Direct messages with more than one notification. A room message notifies each member it
   * mentions or replies to, once each (the unique index on user and message holds that).
   */
  messagesWithSeveralNotifications: number;
}

/** A broken row: its table, its key (`room_id/user_id` for a membership) and what is wrong. */
export interface Violation {
  tbl: string;
  row_key: string;
  ref: string;
}

/** Every reference of the schema: table, the column, the table it points at (by id). */
const REFERENCES: [string, string, string][] = [
  ["messages", "sender_id", "users"],
  ["messages", "receiver_id", "users"],
  ["messages", "room_id", "rooms"],
  ["messages", "parent_message_id", "messages"],
  ["notifications", "user_id", "users"],
  ["notifications", "message_id", "messages"],
  ["message_history", "message_id", "messages"],
  ["message_history", "edited_by", "users"],
  ["rooms", "created_by", "users"],
  ["room_members", "room_id", "rooms"],
  ["room_members", "user_id", "users"],
  // Null while unattached (or once its message is gone); otherwise an existing message.
  ["attachments", "message_id", "messages"],
  ["attachments", "uploader_id", "users"],
];

const rowKey = (table: string) =>
  table === "room_members"
    ? "cast(x.room_id as text) || '/' || cast(x.user_id as text)"
    : "cast(x.id as text)";

/**
 * Rows whose reference points nowhere (a null one points at nothing, by design: a DM has no
 * room, a room message no receiver), in either dialect, and the two rules of a message's
 * address: a receiver or a room, never both nor neither; a sender, except for the tombstone
 * of a room message whose author deleted their account.
 */
const VIOLATIONS = [
  ...REFERENCES.map(
    ([table, column, target]) =>
      `select '${table}' as tbl, ${rowKey(table)} as row_key, '${column}' as ref from ${table} x
        where x.${column} is not null
          and not exists (select 1 from ${target} t where t.id = x.${column})`,
  ),
  `select 'messages', cast(x.id as text), 'receiver_id xor room_id' from messages x
    where (x.receiver_id is null) = (x.room_id is null)`,
  `select 'messages', cast(x.id as text), 'sender_id' from messages x
    where x.sender_id is null and (x.room_id is null or x.deleted_at is null)`,
].join("\n  union all\n");

export async function integrityReport(url: string): Promise<IntegrityReport> {
  return inspect(url, async (db) => ({
    // SQLite checks its file; PostgreSQL's pages are checksummed by the server itself.
    integrity:
      db.dialect === "sqlite"
        ? (await db.all("pragma integrity_check")).map((row) => String(Object.values(row)[0]))
        : ["ok"],
    foreignKeyViolations: await db.all<Violation>(`${VIOLATIONS} order by 1, 2, 3`),
    messagesWithoutNotification: Number(
      await db.value(
        `select count(*) as n from messages m
         where m.receiver_id is not null and m.sender_id != m.receiver_id
           and m.deleted_at is null
           and not exists (select 1 from notifications n where n.message_id = m.id)`,
      ),
    ),
    messagesWithSeveralNotifications: Number(
      await db.value(
        `select count(*) as n from (
           select n.message_id from notifications n
             join messages m on m.id = n.message_id and m.receiver_id is not null
           group by n.message_id having count(*) > 1) as s`,
      ),
    ),
  }));
}
