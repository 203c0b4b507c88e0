/** @type {import('next').NextConfig} */
const nextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
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
