import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    environment: "node",
    include: ["tests/**/*.test.ts", "lib/**/*.test.ts", "db/**/*.test.ts"],
    setupFiles: ["tests/setup.ts"],
    // Each file gets its own module graph, hence its own in-memory database.
    isolate: true,
    testTimeout: 30_000,
  },
});
