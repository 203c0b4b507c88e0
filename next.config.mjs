/** @type {import('next').NextConfig} */
const nextConfig = {
  // Database drivers load from node_modules at run time (better-sqlite3 is a native addon).
  serverExternalPackages: ["better-sqlite3", "pg"],
  poweredByHeader: false,
  // `npm run typecheck` checks the whole project once; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // The data cache lives in memory only: on disk it would outlive the database it was
    // filled from (a test run, a restore) and serve a stale conversation after a restart.
    isrFlushToDisk: false,
  },
};

export default nextConfig;
