/** @type {import('next').NextConfig} */
const nextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  experimental: {
    // The data cache lives in memory only: on disk it would outlive the database it was
    // filled from (a test run, a restore) and serve a stale conversation after a restart.
    isrFlushToDisk: false,
  },
};

export default nextConfig;
