import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./e2e/chromium";

const PORT = Number(process.env.E2E_PORT ?? 3210);
// Its own database, fresh for every run; workers inherit it to inspect rows if needed.
process.env.E2E_DATABASE_URL ??= path.join(os.tmpdir(), `cairo-e2e-${Date.now()}.db`);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
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
    timeout: 60_000,
    env: {
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      AUTH_SECRET: "e2e-only-secret-not-for-production-0123456789",
      APP_ORIGIN: `http://localhost:${PORT}`,
      // Exposes per-tag cache counters at /api/debug/cache for the caching tests.
      CAIRO_DEBUG_STATS: "1",
    },
  },
});
