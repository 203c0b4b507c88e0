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
    testTimeout: 240_000,
    hookTimeout: 120_000,
    reporters: ["verbose"],
  },
});
