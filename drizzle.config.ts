import { defineConfig } from "drizzle-kit";

/** SQLite migrations; drizzle.postgres.config.ts generates PostgreSQL's from its twin schema. */
export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema/sqlite.ts",
  out: "./db/migrations/sqlite",
});
