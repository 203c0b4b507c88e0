/**
 * `npm run cluster`: PostgreSQL, Redis, migrations, two `next start` and nginx in front, on
 * one machine and loopback ports. Prints the URL; Ctrl-C (or SIGTERM) stops everything and
 * removes the data directories.
 *
 *   npm run cluster                 two servers behind nginx
 *   npm run cluster -- --servers 1  one server behind nginx
 *   npm run cluster -- --no-redis   no REDIS_URL: every server keeps its state in process
 */
import { MissingPackagesError, startCluster } from "./cluster";

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

async function main() {
  const servers = Number(flag("--servers") ?? 2);
  if (servers !== 1 && servers !== 2) throw new Error("--servers is 1 or 2");
  const started = Date.now();
  const cluster = await startCluster({
    servers,
    redis: !process.argv.includes("--no-redis"),
    log: (line) => console.log(`[cluster] ${line}`),
  });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n[cluster] ${signal}: stopping nginx, the servers, Redis and PostgreSQL`);
    await cluster.stop();
    console.log("[cluster] stopped; data directories removed");
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => void shutdown(signal));
  }
  console.log(
    [
      "",
      `Cairo Chat on ${cluster.serverUrls.length} server(s), ready in ${Math.round((Date.now() - started) / 1000)} s:`,
      "",
      `  ${cluster.url}`,
      "",
      `  servers     ${cluster.serverUrls.join("  ")}`,
      `  PostgreSQL  ${cluster.databaseUrl}`,
      `  Redis       ${cluster.redisUrl ?? "(none: --no-redis)"}`,
      `  logs        ${cluster.dir}`,
      "",
      "Register at /register (the database is empty). Ctrl-C stops everything.",
    ].join("\n"),
  );
}

main().catch((error) => {
  if (error instanceof MissingPackagesError) {
    console.error(error.message);
    process.exit(1);
  }
  console.error(error);
  process.exit(1);
});
