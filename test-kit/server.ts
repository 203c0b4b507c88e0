import {
  type Server,
  type ServerOptions,
  startServer as startNextServer,
} from "../scripts/next-server";

export {
  assertBuilt,
  findFreePort,
  pidFile,
  type Server,
  type ServerOptions,
} from "../scripts/next-server";

/** The suites' and benchmarks' fixed secret: their clients sign session cookies with it. */
export const AUTH_SECRET = "reliability-only-secret-not-for-production-0123456789";

/** A `next start` of the built app for a suite or a benchmark, signing with AUTH_SECRET. */
export function startServer(options: ServerOptions): Promise<Server> {
  return startNextServer({ ...options, env: { AUTH_SECRET, ...options.env } });
}
