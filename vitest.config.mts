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
    // Hang guards, not speed checks (issue 19): a test that hashes several passwords (scrypt,
    // deliberately slow) took over 30 s on a loaded 2-core machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
