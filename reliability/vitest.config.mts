import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * The reliability suite: real `next start` servers, driven over HTTP. Runs once on SQLite
 * (temporary files) and, when TEST_DATABASE_URL_PG names a PostgreSQL server, once more on
 * PostgreSQL (a database per test file). Files run one at a time (each starts its own
 * server); needs a prior `next build`.
 */
const root = path.resolve(import.meta.dirname, "..");
const postgresUrl = process.env.TEST_DATABASE_URL_PG;
const shared = { include: ["reliability/**/*.test.ts"] };

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      "server-only": path.join(root, "tests", "server-only.ts"),
    },
  },
  test: {
    environment: "node",
    globalSetup: ["reliability/global-setup.ts"],
    fileParallelism: false,
    // Hang guards, not speed checks (issue 19): several times what the slowest test (5,000
    // sends) and the slowest hook (a server start after seeding) take on a busy 2-core machine.
    testTimeout: 600_000,
    hookTimeout: 300_000,
    reporters: ["verbose"],
    projects: [
      {
        extends: true,
        test: {
          ...shared,
          name: "sqlite",
          env: { RELIABILITY_DATABASE_URL_PG: "", DATABASE_URL: "" },
        },
      },
      ...(postgresUrl
        ? [
            {
              extends: true,
              test: {
                ...shared,
                name: "postgres",
                // The test process seeds through lib/: its schema must be PostgreSQL's too.
                env: { RELIABILITY_DATABASE_URL_PG: postgresUrl, DATABASE_URL: postgresUrl },
              },
            },
          ]
        : []),
    ],
  },
});
