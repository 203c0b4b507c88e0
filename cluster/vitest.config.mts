import path from "node:path";
import { defineConfig } from "vitest/config";

/**
 * The cluster suite: one deployment of the several-servers shape (PostgreSQL, Redis, two
 * `next start`, nginx; scripts/cluster/cluster.ts), started once by the global setup and
 * driven over HTTP. Files run one at a time: some kill a server or stop Redis and restore
 * them before they end. Needs a prior `next build` (the cluster builds if there is none)
 * and Debian's postgresql, redis-server and nginx.
 */
const root = path.resolve(import.meta.dirname, "..");

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      "server-only": path.join(root, "tests", "server-only.ts"),
    },
  },
  test: {
    environment: "node",
    include: ["cluster/**/*.test.ts"],
    globalSetup: ["cluster/global-setup.ts"],
    fileParallelism: false,
    // Hang guards sized for a loaded 2-core machine, not speed checks.
    testTimeout: 600_000,
    hookTimeout: 300_000,
    reporters: ["verbose"],
  },
});
