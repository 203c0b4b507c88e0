/**
 * The several-servers shape on one machine: a throwaway PostgreSQL and Redis, migrations
 * once, N `next start` servers sharing AUTH_SECRET, DATABASE_URL and REDIS_URL, and nginx
 * in front of them (round-robin, configured for server-sent events). Everything listens on
 * free loopback ports and lives in one temporary directory that `stop()` removes.
 *
 * Used by `npm run cluster` (scripts/cluster/main.ts), the cluster suite (cluster/) and
 * `npm run bench:cluster`.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type Server, startServer } from "../next-server";

export interface ClusterOptions {
  /** How many `next start` servers behind nginx. */
  servers?: 1 | 2;
  /** Extra environment for every server (limits, debug switches). */
  env?: Record<string, string>;
  /** Run without Redis (REDIS_URL unset): every server keeps its state in process. */
  redis?: boolean;
  /** Progress lines; silent by default. */
  log?: (line: string) => void;
  /** Keep the temporary directory (logs, data) after stop(), for a post-mortem. */
  keepDir?: boolean;
}

export interface Cluster {
  /** nginx: what a browser or a client uses. */
  url: string;
  /** Each server directly, bypassing nginx, in order. */
  serverUrls: string[];
  databaseUrl: string;
  redisUrl: string | undefined;
  authSecret: string;
  dir: string;
  /** The environment every server runs with (beyond the machine's own). */
  serverEnv: Record<string, string>;
  /**
   * Another nginx, configured the same, in front of only these servers (by index): the
   * benchmark compares one server with two in the same deployment. Stopped with the rest.
   */
  addNginx(upstreams: number[]): Promise<string>;
  /** What nginx logged at level warn and above (upstream failures, say). */
  nginxErrors(): string;
  /** The end of server i's log. */
  serverLog(i: number, chars?: number): string;
  /** SIGKILL server i, as a crash would. */
  killServer(i: number): Promise<void>;
  /** Starts server i again on its port (after killServer, or a restart of a live one). */
  restartServer(i: number): Promise<void>;
  /** Stops Redis (SIGKILL: as a crash or a network cut would look to the servers). */
  stopRedis(): Promise<void>;
  /** Starts Redis again on its port, empty. */
  startRedis(): Promise<void>;
  /** Stops PostgreSQL (fast shutdown: as a restart for maintenance would). */
  stopPostgres(): Promise<void>;
  /** Starts PostgreSQL again on its port, with its data. */
  startPostgres(): Promise<void>;
  /** Process ids, to read CPU and memory from /proc: each server, and the services. */
  pids(): { servers: number[]; postgres?: number; redis?: number; nginx?: number };
  stop(): Promise<void>;
}

export class MissingPackagesError extends Error {}

const PROJECT_ROOT = process.cwd();
const INSTALL = "apt-get install -y postgresql redis-server nginx";

/** The newest PostgreSQL from Debian's packages (15 on bookworm), or undefined. */
function postgresBin(): string | undefined {
  const base = "/usr/lib/postgresql";
  if (!fs.existsSync(base)) return undefined;
  const versions = fs
    .readdirSync(base)
    .filter((version) => fs.existsSync(path.join(base, version, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], "bin") : undefined;
}

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(":").concat(["/usr/sbin", "/sbin"])) {
    const file = path.join(dir, command);
    if (fs.existsSync(file)) return file;
  }
  return undefined;
}

/** The three Debian packages' binaries; throws MissingPackagesError naming the install. */
export function findBinaries() {
  const pgBin = postgresBin();
  const redis = onPath("redis-server");
  const nginx = onPath("nginx");
  const missing = [
    pgBin ? undefined : "postgresql",
    redis ? undefined : "redis-server",
    nginx ? undefined : "nginx",
  ].filter(Boolean);
  if (!pgBin || !redis || !nginx) {
    throw new MissingPackagesError(
      `Missing Debian packages: ${missing.join(", ")}. Install them with:\n  ${INSTALL}`,
    );
  }
  return { pgBin, redis, nginx };
}

/** A port nothing listens on right now, on 127.0.0.1 (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${what} was not ready within ${timeoutMs} ms`);
}

/** Sends one line over TCP and resolves with the first answer (or rejects). */
function tcpAsk(port: number, line: string | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.setTimeout(2_000, () => socket.destroy(new Error("timeout")));
    socket.once("error", reject);
    socket.once("connect", () => {
      if (line === undefined) {
        socket.end();
        resolve("");
      } else socket.write(line);
    });
    socket.once("data", (data) => {
      socket.end();
      resolve(data.toString());
    });
  });
}

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv }) {
  const result = spawnSync(command, args, { encoding: "utf8", ...options });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`,
    );
  }
  return result.stdout;
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user. */
function asPostgres(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0
    ? ["runuser", ["-u", "postgres", "--", command, ...args]]
    : [command, args];
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

export function nginxConfig(options: {
  dir: string;
  port: number;
  upstreams: number[];
  /** Prefix of its files in dir (pid, logs, temporary paths). */
  name?: string;
}): string {
  const { dir, port, upstreams, name = "nginx" } = options;
  const servers = upstreams
    .map((upstream) => `    server 127.0.0.1:${upstream} max_fails=1 fail_timeout=2s;`)
    .join("\n");
  return `daemon off;
worker_processes 1;
pid ${dir}/${name}.pid;
error_log ${dir}/${name}-error.log warn;
# Two connections per open event stream (the client's, the server's): npm run bench:users
# holds thousands open. Also bounded by the open-files limit nginx inherits (ulimit -n).
events { worker_connections 20000; }
http {
  access_log off;
  client_body_temp_path ${dir}/${name}-body;
  proxy_temp_path ${dir}/${name}-proxy;
  fastcgi_temp_path ${dir}/${name}-fastcgi;
  uwsgi_temp_path ${dir}/${name}-uwsgi;
  scgi_temp_path ${dir}/${name}-scgi;
  client_max_body_size 1m;

  # Round-robin: consecutive requests go to consecutive servers. A server that refuses a
  # connection is skipped for 2 s; its request goes to the next one.
  upstream cairo {
${servers}
    keepalive 64;
    # Close idle connections before Node does (its keep-alive timeout is 5 s): a request
    # sent on a connection the server is closing fails, and a POST is not passed on.
    keepalive_timeout 4s;
  }

  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://cairo;
      # Keep-alive to the servers, and server-sent events: HTTP/1.1, no Connection: close,
      # nothing buffered, streams left open for an hour (the app sends a comment every 15 s).
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_request_buffering off;
      proxy_cache off;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
      proxy_connect_timeout 2s;
      # A dead server's requests go to the survivor (only when nothing was sent yet: a POST
      # cut mid-way is not replayed; the client retries it with its idempotency key).
      proxy_next_upstream error timeout;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      # Which server answered (the cluster suite checks the round-robin with it).
      add_header X-Cairo-Upstream $upstream_addr always;
      # Attachments stream through to the servers, up to MAX_UPLOAD_MB (25 by default).
      location /api/uploads {
        client_max_body_size 26m;
        proxy_pass http://cairo;
      }
    }
  }
}
`;
}

/** Processes to kill if this process exits without stop() (a crash, process.exit). */
const emergency = new Set<() => void>();
process.once("exit", () => {
  for (const kill of emergency) kill();
});

/** nginx in the foreground with a generated configuration; resolves once it listens. */
export async function startNginx(options: {
  binary: string;
  dir: string;
  port: number;
  upstreams: number[];
  name?: string;
}): Promise<{ pid: number | undefined; stop(): Promise<void> }> {
  const { binary, dir, port, name = "nginx" } = options;
  const confFile = path.join(dir, `${name}.conf`);
  const errorLog = path.join(dir, `${name}-error.log`);
  fs.writeFileSync(confFile, nginxConfig(options));
  const out = fs.openSync(path.join(dir, `${name}-out.log`), "a");
  const nginx = spawn(binary, ["-c", confFile, "-p", dir, "-e", errorLog], {
    cwd: dir,
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  const kill = () => {
    if (nginx.exitCode === null && nginx.signalCode === null) nginx.kill("SIGKILL");
  };
  emergency.add(kill);
  const stop = async () => {
    if (nginx.exitCode === null && nginx.signalCode === null) nginx.kill("SIGTERM");
    const timer = setTimeout(kill, 5_000);
    await exited(nginx);
    clearTimeout(timer);
    emergency.delete(kill);
  };
  try {
    await waitFor(
      "nginx",
      async () => {
        if (nginx.exitCode !== null) {
          throw new Error(`nginx exited ${nginx.exitCode}: ${fs.readFileSync(errorLog, "utf8")}`);
        }
        await tcpAsk(port, undefined);
        return true;
      },
      30_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { pid: nginx.pid, stop };
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const serverCount = options.servers ?? 2;
  const withRedis = options.redis ?? true;
  const log = options.log ?? (() => {});
  const bins = findBinaries();

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairo-cluster-"));
  // The postgres user must reach its data directory inside.
  fs.chmodSync(dir, 0o755);
  const cleanups: (() => Promise<void>)[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error) => log(`cleanup: ${String(error)}`));
    }
    if (!options.keepDir) fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    // PostgreSQL: a throwaway cluster, trust on loopback only, no fsync (nothing to keep).
    const pgData = path.join(dir, "pgdata");
    const pgPort = await freePort();
    fs.mkdirSync(pgData, { mode: 0o700 });
    if (process.getuid?.() === 0) run("chown", ["postgres:postgres", pgData], {});
    log(`PostgreSQL: initdb ${pgData}`);
    run(
      ...asPostgres(path.join(bins.pgBin, "initdb"), [
        "-D",
        pgData,
        "-U",
        "cairo",
        "--auth=trust",
        "-E",
        "UTF8",
        "--no-sync",
        "--no-instructions",
      ]),
      { cwd: dir },
    );
    const pgCtl = (args: string[]) =>
      asPostgres(path.join(bins.pgBin, "pg_ctl"), ["-D", pgData, ...args]);
    const pgOptions = [
      `-p ${pgPort}`,
      "-c listen_addresses=127.0.0.1",
      "-c unix_socket_directories=''",
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
      "-c max_connections=200",
    ].join(" ");
    const startPostgres = () =>
      run(
        ...pgCtl([
          "-w",
          "-t",
          "120",
          "-l",
          path.join(pgData, "server.log"),
          "-o",
          pgOptions,
          "start",
        ]),
        {
          cwd: dir,
        },
      );
    startPostgres();
    const stopPostgres = () => {
      spawnSync(...pgCtl(["-m", "immediate", "-w", "stop"]), { cwd: dir, stdio: "ignore" });
    };
    emergency.add(stopPostgres);
    cleanups.push(async () => {
      stopPostgres();
      emergency.delete(stopPostgres);
    });
    const admin = new pg.Client({
      connectionString: `postgres://cairo@127.0.0.1:${pgPort}/postgres`,
    });
    await admin.connect();
    await admin.query("create database cairo");
    await admin.end();
    const databaseUrl = `postgres://cairo@127.0.0.1:${pgPort}/cairo`;
    log(`PostgreSQL: ${databaseUrl}`);

    // Redis: in memory only, loopback.
    const redisPort = await freePort();
    const redisUrl = withRedis ? `redis://127.0.0.1:${redisPort}` : undefined;
    let redis: ChildProcess | undefined;
    const killRedis = () => {
      if (redis && redis.exitCode === null && redis.signalCode === null) redis.kill("SIGKILL");
    };
    const startRedis = async () => {
      if (!withRedis) return;
      if (redis && redis.exitCode === null && redis.signalCode === null) return;
      const logFd = fs.openSync(path.join(dir, "redis.log"), "a");
      redis = spawn(
        bins.redis,
        [
          "--port",
          String(redisPort),
          "--bind",
          "127.0.0.1",
          "--save",
          "",
          "--appendonly",
          "no",
          "--dir",
          dir,
        ],
        { cwd: dir, stdio: ["ignore", logFd, logFd] },
      );
      fs.closeSync(logFd);
      const child = redis;
      await waitFor(
        "Redis",
        async () => {
          if (child.exitCode !== null) throw new Error(`redis-server exited ${child.exitCode}`);
          return (await tcpAsk(redisPort, "PING\r\n")).startsWith("+PONG");
        },
        30_000,
      );
    };
    const stopRedis = async () => {
      const child = redis;
      if (!child) return;
      killRedis();
      await exited(child);
    };
    if (withRedis) {
      emergency.add(killRedis);
      cleanups.push(async () => {
        await stopRedis();
        emergency.delete(killRedis);
      });
      await startRedis();
      log(`Redis: ${redisUrl}`);
    }

    // Migrations once, before any server starts (servers would also migrate under a lock).
    log("Migrations: npm run db:migrate");
    run(
      path.join(PROJECT_ROOT, "node_modules", ".bin", "tsx"),
      ["--conditions=react-server", "scripts/migrate.ts"],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, DATABASE_URL: databaseUrl },
      },
    );

    // One build for every server (it carries the server actions' encryption key).
    if (!fs.existsSync(path.join(PROJECT_ROOT, ".next", "BUILD_ID"))) {
      log("No build in .next: npx next build");
      run(
        process.execPath,
        [path.join(PROJECT_ROOT, "node_modules", "next", "dist", "bin", "next"), "build"],
        {
          cwd: PROJECT_ROOT,
        },
      );
    }

    // nginx's port first: it is the origin every server is configured with.
    const nginxPort = await freePort();
    const url = `http://127.0.0.1:${nginxPort}`;
    const authSecret = randomBytes(32).toString("base64");
    const serverEnv: Record<string, string> = {
      AUTH_SECRET: authSecret,
      DATABASE_URL: databaseUrl,
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      // nginx is the one proxy in front: the client address is the last X-Forwarded-For hop.
      TRUSTED_PROXY_HOPS: "1",
      // The public origin (nginx), the same on every server: Origin is checked against it.
      APP_ORIGIN: url,
      // One attachments directory for every server, as a network file system would be.
      FILES_DIR: path.join(dir, "files"),
      ...options.env,
    };
    const ports = await Promise.all(Array.from({ length: serverCount }, () => freePort()));
    const servers: (Server | undefined)[] = [];
    const serverLogs: string[] = [];
    const startOne = async (i: number) => {
      const server = await startServer({
        databaseUrl,
        workDir: dir,
        port: ports[i],
        env: serverEnv,
      });
      servers[i] = server;
      const kill = () => {
        try {
          process.kill(server.pid, "SIGKILL");
        } catch {
          // gone already
        }
      };
      emergency.add(kill);
      return server;
    };
    cleanups.push(async () => {
      await Promise.all(servers.map((server) => server?.kill()));
    });
    // One at a time: two cold starts at once on two cores take longer than in turn.
    for (let i = 0; i < serverCount; i++) {
      const server = await startOne(i);
      log(`Server ${i + 1}: ${server.baseUrl} (pid ${server.pid})`);
    }

    // nginx in front.
    const nginx = await startNginx({ binary: bins.nginx, dir, port: nginxPort, upstreams: ports });
    cleanups.push(nginx.stop);
    const extraNginx: { stop(): Promise<void> }[] = [];
    cleanups.push(async () => {
      for (const extra of extraNginx) await extra.stop();
    });
    log(`nginx: ${url} -> ${ports.map((port) => `127.0.0.1:${port}`).join(", ")}`);

    return {
      url,
      serverUrls: ports.map((port) => `http://127.0.0.1:${port}`),
      databaseUrl,
      redisUrl,
      authSecret,
      dir,
      serverEnv,
      async addNginx(upstreams) {
        const port = await freePort();
        const extra = await startNginx({
          binary: bins.nginx,
          dir,
          port,
          upstreams: upstreams.map((i) => ports[i] as number),
          name: `nginx-${port}`,
        });
        extraNginx.push(extra);
        return `http://127.0.0.1:${port}`;
      },
      nginxErrors() {
        const file = path.join(dir, "nginx-error.log");
        return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
      },
      serverLog(i, chars = 6_000) {
        const server = servers[i];
        const earlier = serverLogs[i] ?? "";
        const text = earlier + (server ? server.log() : "");
        return text.slice(-chars);
      },
      async killServer(i) {
        const server = servers[i];
        if (!server) return;
        serverLogs[i] = (serverLogs[i] ?? "") + server.log();
        await server.kill();
        servers[i] = undefined;
      },
      async restartServer(i) {
        const server = servers[i];
        if (server) {
          serverLogs[i] = (serverLogs[i] ?? "") + server.log();
          await server.kill();
          servers[i] = undefined;
        }
        await startOne(i);
      },
      stopRedis,
      startRedis,
      async stopPostgres() {
        spawnSync(...pgCtl(["-m", "fast", "-w", "stop"]), { cwd: dir, stdio: "ignore" });
      },
      async startPostgres() {
        const status = spawnSync(...pgCtl(["status"]), { cwd: dir, stdio: "ignore" });
        if (status.status !== 0) startPostgres();
      },
      pids() {
        const postmaster = path.join(pgData, "postmaster.pid");
        return {
          servers: servers.flatMap((server) => (server ? [server.pid] : [])),
          postgres: fs.existsSync(postmaster)
            ? Number(fs.readFileSync(postmaster, "utf8").split("\n")[0])
            : undefined,
          redis: redis?.pid,
          nginx: nginx.pid,
        };
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
