import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * The reliability suite: real `next start` servers on temporary SQLite files, driven over
 * HTTP. Files run one at a time (each starts its own server); needs a prior `next build`.
 */
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "..") } },
  test: {
    environment: "node",
    include: ["reliability/**/*.test.ts"],
    globalSetup: ["reliability/global-setup.ts"],
    fileParallelism: false,
    // Hang guards, not speed checks (issue 19): several times what the slowest test (5,000
    // sends) and the slowest hook (a server start after seeding) take on a busy 2-core machine.
    testTimeout: 600_000,
    hookTimeout: 300_000,
    reporters: ["verbose"],
  },
});
