import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

/**
 * A `next start` of the built app, on 127.0.0.1, with its own database and log file: what
 * `npm run cluster` runs, and what the test kit (test-kit/server.ts) starts for the suites.
 * AUTH_SECRET comes from `env` (or the environment).
 */
export interface Server {
  baseUrl: string;
  port: number;
  pid: number;
  /** Everything the server printed so far (stdout and stderr). */
  log(): string;
  /** SIGKILL, as a crash would: no shutdown hooks, no final checkpoint. */
  kill(): Promise<void>;
  /** A graceful stop (SIGTERM, then SIGKILL after a few seconds). */
  stop(): Promise<void>;
}

export interface ServerOptions {
  databaseUrl: string;
  /** Where the log file (and the pid file the global teardown reaps) go. */
  workDir: string;
  port?: number;
  env?: Record<string, string>;
  /** Flags for node itself (`--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
}

// npm scripts run from the project root, as db/client.ts assumes for its migrations.
const PROJECT_ROOT = process.cwd();
const NEXT_BIN = path.join(PROJECT_ROOT, "node_modules", "next", "dist", "bin", "next");
const PORT_RANGE = { first: 3300, last: 3399 };
// A hang guard: next start takes seconds, more on a machine busy with other work.
const STARTUP_TIMEOUT_MS = 180_000;

export function assertBuilt(): void {
  if (!fs.existsSync(path.join(PROJECT_ROOT, ".next", "BUILD_ID"))) {
    throw new Error("No production build in .next: run `npx next build` first.");
  }
}

/** The server's process id goes here so the global teardown can reap it after a crash. */
export function pidFile(workDir: string, pid: number): string {
  return path.join(workDir, `server-${pid}.pid`);
}

export async function startServer(options: ServerOptions): Promise<Server> {
  assertBuilt();
  const port = options.port ?? (await findFreePort());
  const logFile = path.join(options.workDir, `server-${port}-${Date.now()}.log`);
  const logFd = fs.openSync(logFile, "a");
  // The next binary itself, not npx: the pid we hold is the server, so SIGKILL really kills it.
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        // The origin the clients use: Origin is checked against it, scheme included.
        APP_ORIGIN: `http://127.0.0.1:${port}`,
        DATABASE_URL: options.databaseUrl,
        ...options.env,
      },
      stdio: ["ignore", logFd, logFd],
    },
  );
  fs.closeSync(logFd);
  const pid = child.pid;
  if (pid === undefined) throw new Error("next start did not spawn");
  fs.writeFileSync(pidFile(options.workDir, pid), String(pid));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const forget = () => fs.rmSync(pidFile(options.workDir, pid), { force: true });
  const server: Server = {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    pid,
    log: () => fs.readFileSync(logFile, "utf8"),
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
      forget();
    },
    async stop() {
      await stopGracefully(child, exited);
      forget();
    },
  };
  try {
    await waitUntilReady(server, child);
  } catch (error) {
    await server.kill();
    throw new Error(`${String(error)}\n--- server log ---\n${server.log().slice(-4000)}`);
  }
  return server;
}

async function stopGracefully(child: ChildProcess, exited: Promise<void>) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

async function waitUntilReady(server: Server, child: ChildProcess) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${server.baseUrl}/login`, { redirect: "manual" });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`next start was not ready within ${STARTUP_TIMEOUT_MS} ms`);
}

/** A port in 3300-3399 that nothing listens on (the project's other servers use 3100/3210). */
export async function findFreePort(): Promise<number> {
  const offset = Math.floor(Math.random() * (PORT_RANGE.last - PORT_RANGE.first + 1));
  for (let i = 0; i <= PORT_RANGE.last - PORT_RANGE.first; i++) {
    const port = PORT_RANGE.first + ((offset + i) % (PORT_RANGE.last - PORT_RANGE.first + 1));
    if (await isFree(port)) return port;
  }
  throw new Error("No free port in 3300-3399");
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}
