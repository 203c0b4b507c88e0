import { afterAll, beforeAll, beforeEach } from "vitest";
import { type Connection, closeDatabase, useDatabase } from "@/db/client";
import { resetReceivers } from "@/db/events";
import { registerReceivers } from "@/lib/receivers";
import { clearDatabase, openTestDatabase } from "./database";

// Each test file gets its own database (a SQLite file, or a PostgreSQL database); every
// test starts on empty tables with the app's receivers, exactly as the entry points wire them.
let connection: Connection;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ connection, drop } = await openTestDatabase());
  await useDatabase(connection);
});

beforeEach(async () => {
  resetReceivers();
  registerReceivers();
  await clearDatabase(connection);
});

afterAll(async () => {
  await closeDatabase();
  await drop();
});
