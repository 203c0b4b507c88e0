import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
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

/**
 * A `next start` of the built app for a suite or a benchmark, signing with AUTH_SECRET. Its
 * attachments go to a fresh temporary FILES_DIR unless `env` names one (servers sharing it).
 */
export function startServer(options: ServerOptions): Promise<Server> {
  const FILES_DIR = mkdtempSync(path.join(os.tmpdir(), "cairo-files-"));
  return startNextServer({ ...options, env: { AUTH_SECRET, FILES_DIR, ...options.env } });
}
