import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
// Aliased: a name starting with "use" reads as a React hook to the linter.
import { openDatabase, useDatabase as switchDatabase } from "@/db/client";
import { insert } from "@/db/events";
import { hashPassword } from "@/lib/passwords";

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
 * Runs `fn` with `file` as the app's database (migrated, receivers connected), so seeding
 * goes through lib/ and the events layer exactly as the server would; then closes the file.
 * Seed before the server starts: writes from this process would not expire its data cache.
 */
export async function withAppDatabase<T>(file: string, fn: () => T | Promise<T>): Promise<T> {
  switchDatabase(openDatabase(file));
  try {
    return await fn();
  } finally {
    switchDatabase(openDatabase(":memory:"));
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
    const user = insert("users", { name, email: `${slug}@reliability.test`, passwordHash });
    people.push({ id: user.id, name, email: user.email, password });
  }
  return people;
}

/**
 * A look at the database file from outside the server. The connection is not opened
 * read-only so that, after a crash, it can replay the WAL the killed server left behind.
 */
export function inspect<T>(file: string, fn: (db: Database.Database) => T): T {
  const db = new Database(file, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** A hash of every row of every table: equal before and after means nothing was written. */
export function fingerprint(file: string): string {
  return inspect(file, (db) => {
    const hash = createHash("sha256");
    for (const table of TABLES) {
      hash.update(table);
      hash.update(JSON.stringify(db.prepare(`select * from ${table} order by id`).all()));
    }
    return hash.digest("hex");
  });
}

export function rowCounts(file: string): Record<TableName, number> {
  return inspect(file, (db) =>
    Object.fromEntries(
      TABLES.map((table) => [
        table,
        (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n,
      ]),
    ),
  ) as Record<TableName, number>;
}

export interface IntegrityReport {
  integrity: string[];
  foreignKeyViolations: unknown[];
  /** Messages to someone else with no notification (a note to self has none by design). */
  messagesWithoutNotification: number;
  /** Messages with more than one notification. */
  messagesWithSeveralNotifications: number;
}

export function integrityReport(file: string): IntegrityReport {
  return inspect(file, (db) => ({
    integrity: db
      .prepare("pragma integrity_check")
      .all()
      .map((row) => String(Object.values(row as object)[0])),
    foreignKeyViolations: db.prepare("pragma foreign_key_check").all(),
    messagesWithoutNotification: (
      db
        .prepare(
          `select count(*) as n from messages m
           where m.sender_id != m.receiver_id and m.deleted_at is null
             and not exists (select 1 from notifications n where n.message_id = m.id)`,
        )
        .get() as { n: number }
    ).n,
    messagesWithSeveralNotifications: (
      db
        .prepare(
          `select count(*) as n from (
             select message_id from notifications group by message_id having count(*) > 1)`,
        )
        .get() as { n: number }
    ).n,
  }));
}
