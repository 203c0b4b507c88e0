/**
 * One target's ramp for `npm run bench:users` (bench/users/main.ts starts it with
 * DATABASE_URL naming the dialect): seeds the users, starts `next start` on that database
 * (or, for `cluster`, seeds the database of the two-server deployment main.ts started),
 * then for each user count of the ramp starts the generator processes, measures, and stops
 * at the first count that misses the target (p95 delivery < 1 s, no errors).
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { sql } from "drizzle-orm";
import { closeDatabase } from "@/db/client";
import { rows } from "@/db/query";
import type { Cluster } from "../../scripts/cluster/cluster";
import { withAppDatabase } from "../../test-kit/database";
import { AUTH_SECRET, startServer } from "../../test-kit/server";
import { round } from "../support/measure";
import {
  type BenchTarget,
  emit,
  exportResults,
  judge,
  note,
  TARGET_NAMES,
} from "../support/report";
import { analyze, type BenchDialect, openTempDatabase } from "../support/temp-database";
import { deliveryFigures, requestRates } from "./figures";
import {
  activeMembers,
  COMPANY_EVERY_SECONDS,
  PARTNER_SHARE,
  ROOM_SHARE,
  SEND_EVERY_SECONDS,
  simulated,
} from "./model";
import { cpuSeconds, machineCpuSeconds, rssMiB } from "./proc";
import type { ClientMode, WorkerConfig, WorkerResult } from "./protocol";
import { type SeededRoom, seedRooms } from "./rooms";
import { type SeededUser, seedUsers } from "./seed";

export interface RampOptions {
  ramp: number[];
  warmSeconds: number;
  measureSeconds: number;
  graceSeconds: number;
  mode: ClientMode;
  /** Simulated users send typing signals and presence pings (see WorkerConfig). */
  signals: boolean;
  /** Room traffic: users in rooms, most sends into them (off: direct messages only). */
  rooms: boolean;
  workers: number | undefined;
  /**
   * Users seeded, at least the largest step: all of them in the company-wide room, of which
   * each step connects its first ones (a company room of 10,000 with 2,000 of them online).
   */
  people?: number;
  /** Epoch ms by which a step must end, or it does not start (the run stays within 10 min). */
  deadline?: number;
}

/** The two-server deployment main.ts started: where to send the load, what to watch. */
export interface ClusterInfo {
  url: string;
  serverUrls: string[];
  databaseUrl: string;
  authSecret: string;
  pids: ReturnType<Cluster["pids"]>;
}

/** What a ramp runs against: one `next start`, or two behind nginx. */
interface Deployment {
  /** Where the generator connects. */
  url: string;
  /** Each `next start` directly, with the origin the app expects (warmed one by one). */
  serverUrls: string[];
  origin: string;
  /** The `next start` processes: the server CPU and memory figures are their sum. */
  serverPids: number[];
  /** PostgreSQL, Redis and nginx of the two-server deployment: their CPU, reported apart. */
  servicePids: Record<string, number>;
}

const TARGET_P95_MS = 1_000;
const profileDir = process.env.BENCH_USERS_CPU_PROF;
/** Streams opened per second at the start of a step, over all generator processes. */
const CONNECT_PER_SECOND = 400;
const PORTS = { first: 3700, last: 3799 };

/** About how long a step of `count` users takes: its streams opened, windows, pauses. */
function stepMs(count: number, options: RampOptions): number {
  const windows = options.warmSeconds + options.measureSeconds + options.graceSeconds;
  return (count / CONNECT_PER_SECOND + windows + 4) * 1000;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const rssOf = (pids: number[]) => sum(pids.map(rssMiB));

interface Worker {
  child: ChildProcess;
  lines: AsyncIterator<string>;
}

function startWorker(config: WorkerConfig, dir: string, index: number): Worker {
  const file = path.join(dir, `worker-${index}.json`);
  fs.writeFileSync(file, JSON.stringify(config));
  // Node itself with tsx as a loader: one process per generator, which a kill really ends.
  const worker = path.join(process.cwd(), "bench", "users", "worker.ts");
  const child = spawn(process.execPath, ["--import", "tsx", worker, file], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
  return { child, lines: lines[Symbol.asyncIterator]() };
}

async function nextMessage(worker: Worker): Promise<Record<string, unknown>> {
  for (;;) {
    const { value, done } = await worker.lines.next();
    if (done) throw new Error("a generator process exited early");
    if (value.startsWith("{")) return JSON.parse(value);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface StepOutcome {
  users: number;
  passed: boolean;
  /** No send fell in the window (a tiny count, a short window): nothing to judge. */
  inconclusive?: boolean;
}

async function runStep(
  target: BenchTarget,
  deployment: Deployment,
  { users, rooms }: Population,
  count: number,
  options: RampOptions,
  dir: string,
): Promise<StepOutcome> {
  const workerCount = options.workers ?? (count <= 1_000 ? 1 : 2);
  const everyone = simulated(users, rooms, count, options.rooms);
  const members = activeMembers(rooms, users, count);
  const companyRoom = everyone[0]?.companyRoom;
  const pids = deployment.serverPids;
  const rssBefore = rssOf(pids);
  const workers = Array.from({ length: workerCount }, (_, w) =>
    startWorker(
      {
        baseUrl: deployment.url,
        users: everyone.filter((_, i) => i % workerCount === w),
        connectPerSecond: CONNECT_PER_SECOND / workerCount,
        warmSeconds: options.warmSeconds,
        measureSeconds: options.measureSeconds,
        graceSeconds: options.graceSeconds,
        mode: options.mode,
        seed: count * 31 + w,
        sendEverySeconds: SEND_EVERY_SECONDS,
        openEverySeconds: 120,
        visitSeconds: 15,
        pageLoadEverySeconds: 15 * 60,
        roomShare: options.rooms ? ROOM_SHARE : 0,
        partnerShare: PARTNER_SHARE,
        companyEverySeconds: COMPANY_EVERY_SECONDS * workerCount,
        replyShare: 0.2,
        signals: options.signals,
      },
      dir,
      w,
    ),
  );
  try {
    const connected = await Promise.all(workers.map(nextMessage));
    const streams = connected.reduce((sum, c) => sum + Number(c.streams), 0);
    await sleep(1_000);
    const rssConnected = rssOf(pids);
    const go = performance.timeOrigin + performance.now() + 200;
    for (const worker of workers) worker.child.stdin?.write(`go ${go}\n`);
    await sleep(200 + options.warmSeconds * 1000);
    const cpuStart = pids.map(cpuSeconds);
    const servicesStart = Object.values(deployment.servicePids).map(cpuSeconds);
    const rssStart = rssOf(pids);
    const machineStart = machineCpuSeconds();
    await sleep(options.measureSeconds * 1000);
    const machineCpu = machineCpuSeconds() - machineStart;
    const cpuEach = pids.map((pid, i) => cpuSeconds(pid) - (cpuStart[i] as number));
    const serverCpu = sum(cpuEach);
    const services = Object.fromEntries(
      Object.entries(deployment.servicePids).map(([name, pid], i) => [
        name,
        round((cpuSeconds(pid) - (servicesStart[i] as number)) / options.measureSeconds),
      ]),
    );
    const rssEnd = rssOf(pids);
    const results = (await Promise.all(workers.map(nextMessage))) as unknown as WorkerResult[];

    const delivery = deliveryFigures(results, members, companyRoom);
    const { undelivered } = delivery.overall;
    const sends = delivery.direct.sends + delivery.room.sends;
    const sumBy = (pick: (r: WorkerResult) => Record<string, number>) => {
      const total: Record<string, number> = {};
      for (const r of results)
        for (const [k, v] of Object.entries(pick(r))) total[k] = (total[k] ?? 0) + v;
      return total;
    };
    const requests = sumBy((r) => r.requests);
    const errors = sumBy((r) => r.errors);
    const requestCount = Object.values(requests).reduce((a, b) => a + b, 0);
    const errorCount = Object.values(errors).reduce((a, b) => a + b, 0) + undelivered;
    const cores = os.availableParallelism();
    const generatorCpu = results.reduce((s, r) => s + r.cpuSeconds, 0);
    const p95 = delivery.overall.p95_ms ?? Number.POSITIVE_INFINITY;
    const passed = p95 < TARGET_P95_MS && errorCount === 0 && streams === count;
    const rates = requestRates(requests, options.measureSeconds);
    emit({
      bench: "users",
      db: target,
      variant: `${count} users`,
      users: count,
      client: options.mode,
      signals: options.signals ? "on" : "off",
      rooms: options.rooms ? "on" : "off",
      streams_open: streams,
      stream_retries: results.reduce((n, r) => n + r.streamRetries, 0),
      sends_measured: sends,
      // Every delivery: direct messages and each receiver of a room message.
      delivery_p50_ms: delivery.overall.p50_ms,
      delivery_p95_ms: delivery.overall.p95_ms,
      delivery_p99_ms: delivery.overall.p99_ms,
      undelivered,
      delivery_direct: delivery.direct,
      delivery_room: delivery.room,
      company_fan_out: {
        ...delivery.company_fan_out,
        room_members: rooms.find((room) => room.company)?.members.length ?? null,
      },
      requests: requestCount,
      requests_per_second: rates.byGroup,
      requests_per_second_by_kind: rates.byKind,
      errors,
      error_rate: round(errorCount / Math.max(1, requestCount + sends)),
      server_cpu_share: round(serverCpu / (options.measureSeconds * cores)),
      server_cpu_cores: round(serverCpu / options.measureSeconds),
      ...(pids.length > 1
        ? {
            servers: pids.length,
            server_cpu_cores_each: cpuEach.map((cpu) => round(cpu / options.measureSeconds)),
            services_cpu_cores: services,
          }
        : {}),
      server_rss_mib: {
        before_streams: round(rssBefore),
        connected: round(rssConnected),
        end: round(rssEnd),
        start: round(rssStart),
      },
      memory_per_stream_kib: round(((rssConnected - rssBefore) * 1024) / Math.max(1, streams)),
      generator_cpu_share: round(generatorCpu / (options.measureSeconds * cores)),
      // Everything busy on the machine (this run and anything else), to tell a saturated
      // machine from a server waiting on something.
      machine_cpu_cores: round(machineCpu / options.measureSeconds),
      generator_processes: workerCount,
      measured_seconds: options.measureSeconds,
      passed,
    });
    const inconclusive = sends === 0 && errorCount === 0;
    return { users: count, passed, inconclusive };
  } finally {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill("SIGKILL");
    await sleep(1_000);
  }
}

/** Every route the load touches, once: the first step measures a loaded server, not startup. */
async function warmUp(baseUrl: string, origin: string, { users, rooms }: Population) {
  const [me, other] = users as [SeededUser, SeededUser];
  const room = (rooms[0] as SeededRoom).id;
  const headers = { cookie: me.cookie };
  const stream = new AbortController();
  const events = await fetch(`${baseUrl}/api/events`, { headers, signal: stream.signal });
  for (const [path, extra] of [
    [`/api/conversations/${other.id}`, {}],
    ["/api/counts", {}],
    ["/api/rooms", {}],
    [`/messages/${other.id}`, { rsc: "1" }],
    [`/messages/${other.id}`, { accept: "text/html" }],
    [`/rooms/${room}`, { rsc: "1" }],
    [`/rooms/${room}`, { accept: "text/html" }],
  ] as const) {
    const response = await fetch(`${baseUrl}${path}`, { headers: { ...headers, ...extra } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`warm-up: ${path} answered ${response.status}`);
  }
  const sent = await fetch(`${baseUrl}/api/messages`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json", origin },
    body: JSON.stringify({ receiverId: other.id, content: "Warming up." }),
  });
  const { id } = (await sent.json()) as { id: number };
  const thread = await fetch(`${baseUrl}/api/threads/${id}`, { headers });
  await thread.arrayBuffer();
  if (!events.ok || !sent.ok || !thread.ok) throw new Error("warm-up: a route failed");
  stream.abort();
}

async function freePort(): Promise<number> {
  for (let port = PORTS.first; port <= PORTS.last; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${PORTS.first}-${PORTS.last}`);
}

/** Who is seeded: the users (a step takes the first ones) and their rooms. */
interface Population {
  users: SeededUser[];
  rooms: SeededRoom[];
}

interface Setup extends Population {
  deployment: Deployment;
  stop(): Promise<void>;
}

function seeded(target: BenchTarget, count: number, since: number) {
  const ms = Math.round(performance.now() - since);
  console.error(
    `[bench:users] ${TARGET_NAMES[target]}: ${count} users, sessions and cookies seeded in ${ms} ms`,
  );
}

/** A fresh database with `count` users, and one `next start` on it. */
async function oneServer(dialect: BenchDialect, count: number, dir: string): Promise<Setup> {
  const temp = await openTempDatabase(dialect, "users");
  try {
    const since = performance.now();
    const users = await seedUsers(count, AUTH_SECRET);
    const rooms = await seedRooms(users.map((user) => user.id));
    await analyze(temp);
    await closeDatabase();
    seeded(dialect, count, since);
    const server = await startServer({
      databaseUrl: temp.url,
      workDir: dir,
      port: Number(process.env.BENCH_PORT ?? (await freePort())),
      // Where the CPU goes: a profile written when the server stops (bench/profile-api.ts reads it).
      nodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
    });
    const { baseUrl, pid } = server;
    return {
      deployment: {
        url: baseUrl,
        serverUrls: [baseUrl],
        origin: baseUrl,
        serverPids: [pid],
        servicePids: {},
      },
      users,
      rooms,
      async stop() {
        await server.stop();
        await temp.dispose();
      },
    };
  } catch (error) {
    await temp.dispose();
    throw error;
  }
}

/**
 * `count` users in the two-server deployment's database, with cookies for its AUTH_SECRET.
 * Its servers are already up, but nothing about these users was read yet, so nothing of
 * theirs is cached that the seeding (which bypasses the events layer) would leave stale.
 */
async function twoServers(cluster: ClusterInfo, count: number): Promise<Setup> {
  const since = performance.now();
  const { users, rooms } = await withAppDatabase(cluster.databaseUrl, async () => {
    const seededUsers = await seedUsers(count, cluster.authSecret);
    const seededRooms = await seedRooms(seededUsers.map((user) => user.id));
    await rows(sql`analyze`);
    return { users: seededUsers, rooms: seededRooms };
  });
  seeded("cluster", count, since);
  const { servers, ...services } = cluster.pids;
  return {
    deployment: {
      url: cluster.url,
      serverUrls: cluster.serverUrls,
      origin: cluster.url,
      serverPids: servers,
      servicePids: Object.fromEntries(
        Object.entries(services).filter((entry): entry is [string, number] => !!entry[1]),
      ),
    },
    users,
    rooms,
    // main.ts stops the deployment.
    stop: async () => undefined,
  };
}

export async function runRamp(
  target: BenchTarget,
  options: RampOptions,
  cluster?: ClusterInfo,
): Promise<void> {
  const most = Math.max(...options.ramp, options.people ?? 0);
  const name = TARGET_NAMES[target];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairo-bench-users-"));
  let setup: Setup | undefined;
  try {
    if (target === "cluster") {
      if (!cluster) throw new Error("the cluster target needs the deployment main.ts started");
      setup = await twoServers(cluster, most);
    } else setup = await oneServer(target, most, dir);
    const { deployment } = setup;
    for (const url of deployment.serverUrls) await warmUp(url, deployment.origin, setup);
    let best = 0;
    for (const count of options.ramp) {
      if (
        options.deadline !== undefined &&
        Date.now() + stepMs(count, options) > options.deadline
      ) {
        note(`bench:users on ${name}: out of time before ${count} users.`);
        break;
      }
      const outcome = await runStep(target, deployment, setup, count, options, dir);
      if (outcome.inconclusive) {
        note(`bench:users: no send fell in the ${count}-user window; lengthen --seconds.`);
        continue;
      }
      if (!outcome.passed) break;
      best = count;
    }
    judge({
      figure: `Concurrent users (p95 delivery < 1 s, no errors, client ${options.mode}, signals ${options.signals ? "on" : "off"}, rooms ${options.rooms ? "on" : "off"})`,
      db: target,
      value: best === 0 ? `fewer than ${options.ramp[0]}` : String(best),
      target: ">= 5000",
      met: best >= 5_000,
    });
    if (best === most)
      note(`bench:users on ${name}: every step passed; the ramp stopped at ${best}.`);
  } finally {
    await setup?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * In a process started by main.ts: `run.ts <target> <options json> <results file>
 * [<cluster json>]`.
 */
async function child() {
  const [target, optionsJson, resultsFile, clusterJson] = process.argv.slice(2);
  await runRamp(
    target as BenchTarget,
    JSON.parse(optionsJson as string) as RampOptions,
    clusterJson ? (JSON.parse(clusterJson) as ClusterInfo) : undefined,
  );
  exportResults(resultsFile as string);
}

child().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
