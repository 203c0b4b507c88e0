import { fileURLToPath } from "node:url";

// Several servers (REDIS_URL set, read when `next start` loads this file): the data cache
// lives in Redis, shared by every server, with no per-server copy that could go stale.
const shared = Boolean(process.env.REDIS_URL);

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Drivers load from node_modules at run time (better-sqlite3 is a native addon), and the
  // cache handler, loaded outside the bundles, must share the app's Redis client.
  serverExternalPackages: ["better-sqlite3", "pg", "redis", "@redis/client"],
  poweredByHeader: false,
  // `npm run typecheck` checks the whole project once; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  ...(shared
    ? {
        cacheHandler: fileURLToPath(
          new URL("./lib/platform/redis/cache-handler.mjs", import.meta.url),
        ),
        cacheMaxMemorySize: 0,
      }
    : {}),
  // What the proxy does not see (static files) gets the static security headers here; the
  // proxy sets them, with the pages' Content-Security-Policy, on everything else.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
  experimental: {
    // The data cache lives in memory only: on disk it would outlive the database it was
    // filled from (a test run, a restore) and serve a stale conversation after a restart.
    isrFlushToDisk: false,
  },
};

export default nextConfig;
