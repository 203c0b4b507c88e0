/** Creates the database if needed and applies every pending migration, for DATABASE_URL. */
import { closeDatabase, getConnection, migrateDatabase } from "@/db/client";
import { dialectOf, sqliteFile } from "@/db/dialect";

async function main() {
  await migrateDatabase(getConnection());
  await closeDatabase();
  console.log(`Database ready: ${dialectOf() === "postgres" ? "PostgreSQL" : sqliteFile()}`);
}

void main();
