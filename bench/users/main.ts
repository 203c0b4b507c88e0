/**
 * `npm run bench:users [-- --db sqlite|postgres|cluster|all] [--users 500,1000,...]
 * [--seconds 15] [--warm 5] [--client apply|refetch] [--signals on|off] [--rooms on|off]
 * [--people 10000]`:
 * how many simulated colleagues one server holds with p95 send-to-delivery under 1 s and no errors,
 * and how many two servers hold. Needs a production build (`npm run build`).
 *
 * The load model (bench/users/model.ts, worker.ts): every user signed in with its own
 * session, holds one live stream open and reacts to each event as components/LiveUpdates.tsx
 * does. Every user is in five rooms of 10 to 1,000 members (bench/users/rooms.ts) and the
 * company-wide room; it keeps open its home, the conversation that writes to it most, so
 * what arrives there is marked read at once (MarkSeen's POST /api/messages/read; in a room
 * useMarkRoomRead's watch, POST /api/rooms/[id]/read on opening, on leaving and every two
 * minutes, the server reading each message for it); sends about once a minute (exponential intervals), 70 %
 * into its rooms (the smaller the room, the more: roomWeight) and the rest as direct
 * messages, nine in ten to its partner (one in five of those a reply in a thread); the
 * company-wide room gets a send about every 20 s; every ~2 minutes it visits
 * another of its conversations for ~15 s (client-side navigations there and back: the RSC
 * payload and what the page's client components fetch) and every ~15 minutes (jittered) it
 * loads the whole page (the HTML document). `--rooms off` leaves the rooms out: direct
 * messages only, each user's home its partner. `--people N` seeds N users (the company-wide
 * room has them all) of which each step connects its first ones: the fan-out of a send into
 * a room of N members to those of them online.
 * With `--signals on` (the default) each top-level send is preceded by a typing signal and
 * every tab pings its presence (with its 3 colleagues in view) every 2 minutes; `off` leaves
 * both out, for the side-by-side cost of typing and presence (docs/performance.md).
 * Delivery: from the POST starting to the receiver's client holding the message (the event
 * applied, or the refetch it triggered answered: the open room rendered again, or off
 * screen the badges); reported for direct messages, for room messages (per receiver) and
 * for the company-wide room's fan-out (per send, to its last connected member), with p50,
 * p95 and p99, and the request mix per second of the measured window by kind. Each step of
 * the ramp: streams opened at 400/s, 5 s warm-up (`--warm`: past 60 s, the window misses each tab's first presence ping and
 * room watch, and measures the steady state), the measured window, 3 s grace for the
 * last deliveries.
 *
 * Targets: `sqlite` and `postgres`, one `next start` (PostgreSQL is BENCH_DATABASE_URL_PG's
 * server, skipped with a note when it does not answer); `cluster`, two servers: two `next
 * start` behind nginx (round-robin) with a throwaway PostgreSQL and Redis, all on this
 * machine (scripts/cluster/cluster.ts; needs Debian's postgresql, redis-server and nginx,
 * skipped with a note when missing). There the generator connects to nginx, so streams and
 * sends spread over both servers and an event crosses Redis when sender and receiver are on
 * different ones; server CPU and memory are the sum of both `next start`, and the CPU of
 * PostgreSQL, Redis and nginx is reported apart (with the whole machine's busy cores, as for
 * every target). `all` (the default; `both` is its old name) runs the three, each with its
 * own default ramp (DEFAULT_RAMPS; `--users` sets one for all), in one 10-minute budget.
 * One process per target (db/schema binds its dialect at import), as `npm run bench`.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findBinaries, MissingPackagesError, startCluster } from "../../scripts/cluster/cluster";
import { describeMachine } from "../support/machine";
import {
  type BenchTarget,
  importResults,
  note,
  printSummary,
  TARGET_NAMES,
} from "../support/report";
import { postgresReachable, postgresServer } from "../support/temp-database";
import type { ClusterInfo, RampOptions } from "./run";

/**
 * Each target's ramp; it stops at the first count that misses. Each starts with a small
 * step that also warms the server(s) up, then skips the counts the target is known to pass
 * so that the three fit in the budget; each goes past the 5,000 goal when it can.
 */
const DEFAULT_RAMPS: Record<BenchTarget, number[]> = {
  sqlite: [500, 5_000, 6_000, 7_000],
  postgres: [500, 5_000, 6_000, 7_000],
  cluster: [500, 4_000, 5_000, 6_000],
};
/** The whole run, every target, stays within this. */
const BUDGET_MS = 9.5 * 60_000;
const TARGETS = ["sqlite", "postgres", "cluster", "all", "both"];

function parse(args: string[]) {
  const get = (name: string) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
  };
  const db = get("db");
  if (db !== undefined && !TARGETS.includes(db))
    throw new Error(`--db takes sqlite, postgres, cluster or all, not ${db}`);
  const client = get("client") ?? "apply";
  if (client !== "apply" && client !== "refetch")
    throw new Error(`--client takes apply or refetch, not ${client}`);
  const signals = get("signals") ?? "on";
  if (signals !== "on" && signals !== "off")
    throw new Error(`--signals takes on or off, not ${signals}`);
  const rooms = get("rooms") ?? "on";
  if (rooms !== "on" && rooms !== "off") throw new Error(`--rooms takes on or off, not ${rooms}`);
  const users = get("users");
  const ramp = users ? users.split(",").map(Number) : undefined;
  if (ramp?.some((n) => !Number.isInteger(n) || n < 2))
    throw new Error("--users takes a comma-separated list of counts of at least 2");
  const options: Omit<RampOptions, "ramp"> = {
    warmSeconds: Number(get("warm") ?? 5),
    measureSeconds: Number(get("seconds") ?? 15),
    graceSeconds: 3,
    mode: client,
    signals: signals === "on",
    rooms: rooms === "on",
    workers: get("workers") ? Number(get("workers")) : undefined,
    people: get("people") ? Number(get("people")) : undefined,
  };
  if (options.people !== undefined && !(Number.isInteger(options.people) && options.people >= 2))
    throw new Error("--people takes a count of at least 2");
  // --users: the same ramp for every target.
  const ramps = (target: BenchTarget) => ramp ?? DEFAULT_RAMPS[target];
  return { db, options, ramps };
}

/** The targets to run: a missing one is an error when asked for alone, a note in `all`. */
async function targets(db: string | undefined): Promise<BenchTarget[]> {
  const all = db === undefined || db === "all" || db === "both";
  const chosen: BenchTarget[] = [];
  if (all || db === "sqlite") chosen.push("sqlite");
  if (all || db === "postgres") {
    if (await postgresReachable()) chosen.push("postgres");
    else if (!all) throw new Error("PostgreSQL at BENCH_DATABASE_URL_PG does not answer");
    else note("PostgreSQL did not answer (set BENCH_DATABASE_URL_PG): no PostgreSQL figure.");
  }
  if (all || db === "cluster") {
    try {
      findBinaries();
      chosen.push("cluster");
    } catch (error) {
      if (!all || !(error instanceof MissingPackagesError)) throw error;
      note(`no two-server figure: ${error.message.replace(/\n\s*/g, " ")}`);
    }
  }
  return chosen;
}

async function runFor(target: BenchTarget, options: RampOptions, cluster?: ClusterInfo) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairo-bench-users-results-"));
  const results = path.join(dir, "results.json");
  const env = { ...process.env };
  if (target === "postgres") env.DATABASE_URL = postgresServer();
  else if (cluster) env.DATABASE_URL = cluster.databaseUrl;
  else delete env.DATABASE_URL;
  const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
  const script = path.join(process.cwd(), "bench", "users", "run.ts");
  const args = ["--conditions=react-server", script, target, JSON.stringify(options), results];
  if (cluster) args.push(JSON.stringify(cluster));
  const child = spawn(tsx, args, { env, stdio: "inherit" });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  try {
    if (code !== 0) throw new Error(`bench:users on ${TARGET_NAMES[target]} failed (${code})`);
    importResults(results);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Two servers: the deployment is started here, the ramp runs against its nginx. */
async function runTwoServers(options: RampOptions) {
  const started = performance.now();
  const cluster = await startCluster({
    servers: 2,
    log: (line) => console.error(`[bench:users] two servers: ${line}`),
  });
  console.error(
    `[bench:users] two servers: up in ${Math.round(performance.now() - started)} ms at ${cluster.url}`,
  );
  try {
    const { url, serverUrls, databaseUrl, authSecret } = cluster;
    await runFor("cluster", options, {
      url,
      serverUrls,
      databaseUrl,
      authSecret,
      pids: cluster.pids(),
    });
  } finally {
    const errors = cluster.nginxErrors().trim();
    if (errors) console.error(`[bench:users] nginx's error log:\n${errors.slice(-3_000)}`);
    await cluster.stop();
  }
}

async function main() {
  const { db, options, ramps } = parse(process.argv.slice(2));
  if (!fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID")))
    throw new Error("No production build in .next: run `npm run build` first.");
  const chosen = await targets(db);
  const machine = await describeMachine(chosen.includes("postgres") ? postgresServer() : undefined);
  const plan = Object.fromEntries(chosen.map((target) => [target, ramps(target)]));
  console.log(
    JSON.stringify({ bench: "machine", variant: "this run", ...machine, options, ramps: plan }),
  );
  const started = Date.now();
  const end = started + BUDGET_MS;
  for (const [i, target] of chosen.entries()) {
    // What is left of the budget, shared by the targets still to run in proportion to their
    // ramps' steps: a ramp that stops early leaves its time to the next.
    const steps = (t: BenchTarget) => ramps(t).length;
    const left = chosen.slice(i).reduce((n, t) => n + steps(t), 0);
    const deadline = Date.now() + ((end - Date.now()) * steps(target)) / left;
    const ramp = { ...options, ramp: ramps(target), deadline };
    if (target === "cluster") await runTwoServers(ramp);
    else await runFor(target, ramp);
  }
  printSummary();
  console.log(`\nbench:users took ${Math.round((Date.now() - started) / 1000)} s`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
