/**
 * `npm run bench:users [-- --db sqlite|postgres|both] [--users 250,500,...] [--seconds 15]
 * [--client apply|refetch]`: how many simulated colleagues one server holds with p95
 * send-to-delivery under 1 s and no errors. Needs a production build (`npm run build`).
 *
 * The load model (bench/users/worker.ts): every user signed in with its own session, holds
 * one live stream open and reacts to each event as components/LiveUpdates.tsx does; sends
 * about once a minute (exponential intervals) in the conversation it has open, opens
 * another of its 3 regular colleagues' conversations about every 2 minutes (a client-side
 * navigation: the page's RSC payload), and one send in five is a reply in a thread.
 * Delivery: from the POST starting to the receiver's client holding the message (the event
 * applied, or the refetch it triggered answered). Each step of the ramp: streams opened at
 * 400/s, 5 s warm-up, the measured window, 3 s grace for the last deliveries.
 *
 * One process per database (db/schema binds its dialect at import), as `npm run bench`;
 * PostgreSQL is BENCH_DATABASE_URL_PG's server, skipped with a note when it does not answer.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describeMachine } from "../support/machine";
import { importResults, note, printSummary } from "../support/report";
import {
  type BenchDialect,
  DIALECT_NAMES,
  postgresReachable,
  postgresServer,
} from "../support/temp-database";
import type { RampOptions } from "./run";

const DEFAULT_RAMP = [250, 500, 1_000, 2_000, 3_000, 5_000];
/** The whole run, both databases, stays within this. */
const BUDGET_MS = 9.5 * 60_000;
/** About the longest step (5,000 users: streams opened, warm-up, window, grace). */
const STEP_MS = 45_000;

function parse(args: string[]) {
  const get = (name: string) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
  };
  const db = get("db");
  if (db !== undefined && !["sqlite", "postgres", "both"].includes(db))
    throw new Error(`--db takes sqlite, postgres or both, not ${db}`);
  const client = get("client") ?? "apply";
  if (client !== "apply" && client !== "refetch")
    throw new Error(`--client takes apply or refetch, not ${client}`);
  const users = get("users");
  const ramp = users ? users.split(",").map(Number) : DEFAULT_RAMP;
  if (ramp.some((n) => !Number.isInteger(n) || n < 2))
    throw new Error("--users takes a comma-separated list of counts of at least 2");
  const options: RampOptions = {
    ramp,
    warmSeconds: 5,
    measureSeconds: Number(get("seconds") ?? 15),
    graceSeconds: 3,
    mode: client,
    workers: get("workers") ? Number(get("workers")) : undefined,
  };
  return { db, options };
}

async function databases(db: string | undefined): Promise<BenchDialect[]> {
  if (db === "sqlite") return ["sqlite"];
  if (await postgresReachable()) return db === "postgres" ? ["postgres"] : ["sqlite", "postgres"];
  if (db) throw new Error(`PostgreSQL at BENCH_DATABASE_URL_PG does not answer`);
  note("PostgreSQL did not answer (set BENCH_DATABASE_URL_PG): SQLite only.");
  return ["sqlite"];
}

async function runFor(dialect: BenchDialect, options: RampOptions) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairo-bench-users-results-"));
  const results = path.join(dir, "results.json");
  const env = { ...process.env };
  if (dialect === "postgres") env.DATABASE_URL = postgresServer();
  else delete env.DATABASE_URL;
  const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
  const script = path.join(process.cwd(), "bench", "users", "run.ts");
  const args = ["--conditions=react-server", script, dialect, JSON.stringify(options), results];
  const child = spawn(tsx, args, { env, stdio: "inherit" });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  try {
    if (code !== 0) throw new Error(`bench:users on ${DIALECT_NAMES[dialect]} failed (${code})`);
    importResults(results);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const { db, options } = parse(process.argv.slice(2));
  if (!fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID")))
    throw new Error("No production build in .next: run `npm run build` first.");
  const dialects = await databases(db);
  const machine = await describeMachine(
    dialects.includes("postgres") ? postgresServer() : undefined,
  );
  console.log(JSON.stringify({ bench: "machine", variant: "this run", ...machine, options }));
  const started = performance.now();
  // Each database gets its share of the 10 minutes; a step that starts late still finishes.
  const share = BUDGET_MS / dialects.length;
  for (const [i, dialect] of dialects.entries()) {
    await runFor(dialect, { ...options, deadline: Date.now() + share * (i + 1) - STEP_MS });
  }
  printSummary();
  console.log(`\nbench:users took ${Math.round((performance.now() - started) / 1000)} s`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
