import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type Connection, closeDatabase, useDatabase } from "@/db/client";
import { resetReceivers } from "@/db/events";
import { forgetProcessSingleton } from "@/db/singleton";
import { registerReceivers } from "@/lib/receivers";
import { clearDatabase, openTestDatabase } from "./database";

// Each test file gets its own database (a SQLite file, or a PostgreSQL database); every
// test starts on empty tables with the app's receivers, exactly as the entry points wire them.
let connection: Connection;
let drop: () => Promise<void>;

beforeAll(async () => {
  // Attachments go to a directory of this file's own, never data/files.
  process.env.FILES_DIR = await mkdtemp(path.join(os.tmpdir(), "cairo-files-"));
  ({ connection, drop } = await openTestDatabase());
  await useDatabase(connection);
});

beforeEach(async () => {
  // Ids start again with the tables: a typing limit must not outlive its test.
  forgetProcessSingleton("typing-gate");
  resetReceivers();
  registerReceivers();
  await clearDatabase(connection);
});

afterAll(async () => {
  await closeDatabase();
  await drop();
  await rm(process.env.FILES_DIR as string, { recursive: true, force: true });
});
