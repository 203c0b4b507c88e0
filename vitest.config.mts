import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * The unit suite runs once per database: `sqlite` always, `postgres` when
 * TEST_DATABASE_URL_PG names a PostgreSQL server (each test file creates its own database
 * there). `--project sqlite` or `--project postgres` runs one of them.
 */
const shared = {
  environment: "node",
  include: ["tests/**/*.test.ts", "tests/**/*.test.tsx", "lib/**/*.test.ts", "db/**/*.test.ts"],
  setupFiles: ["tests/setup.ts"],
  // Each file gets its own module graph, hence its own database.
  isolate: true,
  // Hang guards, not speed checks (issue 19): a test that hashes several passwords (scrypt,
  // deliberately slow) took over 30 s on a loaded 2-core machine.
  testTimeout: 300_000,
  hookTimeout: 300_000,
} as const;

const postgresUrl = process.env.TEST_DATABASE_URL_PG;

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Outside Next, the marker that keeps db/ out of client bundles has nothing to guard.
      "server-only": path.resolve(import.meta.dirname, "tests/server-only.ts"),
    },
  },
  test: {
    projects: [
      { extends: true, test: { ...shared, name: "sqlite", env: { DATABASE_URL: "" } } },
      ...(postgresUrl
        ? [
            {
              extends: true,
              test: { ...shared, name: "postgres", env: { DATABASE_URL: postgresUrl } },
            },
          ]
        : []),
    ],
  },
});
