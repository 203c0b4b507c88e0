import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type Database from "better-sqlite3";
// Aliased: a name starting with "use" reads as a React hook to the linter.
import { type Db, openDatabase, useDatabase as switchDatabase } from "@/db/client";

export interface TempDatabase {
  file: string;
  db: Db;
  sqlite: Database.Database;
  /** Closes the connection and deletes the files. */
  dispose(): void;
}

/**
 * A migrated SQLite file in a fresh temporary directory, installed as the app's connection
 * (receivers connected), so lib/ functions run against it exactly as in the server.
 */
export function openTempDatabase(label: string): TempDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cairo-bench-${label}-`));
  const file = path.join(dir, "bench.db");
  const db = openDatabase(file);
  switchDatabase(db);
  return {
    file,
    db,
    sqlite: db.$client,
    dispose() {
      switchDatabase(openDatabase(":memory:"));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
