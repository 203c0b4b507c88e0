import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/chromium";

const PORT = Number(process.env.E2E_PORT ?? 3210);
// Its own database, fresh for every run; workers inherit it to inspect rows if needed.
process.env.E2E_DATABASE_URL ??= path.join(os.tmpdir(), `cairo-e2e-${Date.now()}.db`);
// Attachments of this run only, never the demo's data/files.
process.env.E2E_FILES_DIR ??= path.join(os.tmpdir(), `cairo-e2e-files-${Date.now()}`);

export default defineConfig({
  testDir: "e2e",
  // Registers the database's first account, its admin, before any test (e2e/admin-account.ts).
  globalSetup: "./e2e/admin-account.ts",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  // Budgets are hang guards, not speed checks (issue 19): sized to a test's work on a 2-core
  // machine that is busy with other work, with a wide margin. The default fits a journey of
  // two or three people (each registration is two deliberately slow scrypt runs) and a
  // dozen steps: 10-45 s on a busy machine, 45-75 s with both cores also spinning and the
  // reliability suite beside it; tests that do more or less set their own budget (BUDGET in
  // e2e/helpers.ts).
  timeout: 300_000,
  // A condition (a row shown, a URL reached) may take a while on a loaded machine; a
  // passing test never waits for this limit, so it can be generous.
  expect: { timeout: 30_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    command: `npx next start -p ${PORT}`,
    url: `http://localhost:${PORT}/login`,
    reuseExistingServer: false,
    timeout: 180_000,
    env: {
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      FILES_DIR: process.env.E2E_FILES_DIR,
      AUTH_SECRET: "e2e-only-secret-not-for-production-0123456789",
      APP_ORIGIN: `http://localhost:${PORT}`,
      // Exposes per-tag cache counters at /api/debug/cache for the caching tests.
      CAIRO_DEBUG_STATS: "1",
    },
  },
});
