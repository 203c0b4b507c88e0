/**
 * `npm run bench [-- [--db sqlite|postgres|both] name ...]`: every benchmark (or the named
 * ones) on each database, each printing one JSON line per figure, then a summary table of
 * figure, target, and each database's value and verdict side by side.
 *
 * PostgreSQL is the server BENCH_DATABASE_URL_PG names (default: postgres@127.0.0.1:5432),
 * reached over loopback TCP; each figure creates its own database there and drops it after.
 * Without --db: both databases when that server answers, else SQLite alone, with a note.
 *
 * db/schema picks its table objects from DATABASE_URL when first imported, so each database
 * is measured in a process of its own, started with DATABASE_URL naming that dialect; this
 * one prints the machine, starts them in turn and prints the combined table.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { floorBenchmark } from "./figures/floor";
import { httpCacheBenchmark } from "./figures/http";
import { pagesBenchmark } from "./figures/pages";
import { searchBenchmark } from "./figures/search";
import { sendingBenchmark } from "./figures/sending";
import { threadBenchmark } from "./figures/thread";
import { unreadBenchmark } from "./figures/unread";
import { SCALE } from "./support/data";
import { describeMachine } from "./support/machine";
import { exportResults, importResults, note, printSummary, saveResults } from "./support/report";
import {
  type BenchDialect,
  DIALECT_NAMES,
  postgresReachable,
  postgresServer,
} from "./support/temp-database";

const BENCHMARKS: Record<string, (dialect: BenchDialect) => Promise<void>> = {
  thread: threadBenchmark,
  pages: pagesBenchmark,
  sending: sendingBenchmark,
  unread: unreadBenchmark,
  search: searchBenchmark,
  http: httpCacheBenchmark,
  floor: floorBenchmark,
};

interface Arguments {
  db: string | undefined;
  wanted: string[];
  /** Set in a process started by this script: where to leave its results. */
  child: string | undefined;
}

/** `--db x` or `--db=x`, and the benchmark names. */
function parseArguments(args: string[]): Arguments {
  const parsed: Arguments = { db: undefined, wanted: [], child: undefined };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--db") parsed.db = args[++i];
    else if (arg.startsWith("--db=")) parsed.db = arg.slice("--db=".length);
    else if (arg === "--child") parsed.child = args[++i];
    else parsed.wanted.push(arg);
  }
  if (parsed.db !== undefined && !["sqlite", "postgres", "both"].includes(parsed.db))
    throw new Error(`--db takes sqlite, postgres or both, not ${parsed.db}`);
  return parsed;
}

/** The server's address without its password, for the log. */
function shown(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

async function chooseDatabases(db: string | undefined): Promise<BenchDialect[]> {
  if (db === "sqlite") return ["sqlite"];
  const reachable = await postgresReachable();
  const server = shown(postgresServer());
  if (!reachable) {
    if (db === "postgres" || db === "both")
      throw new Error(`PostgreSQL at ${server} does not answer (set BENCH_DATABASE_URL_PG)`);
    note(
      `PostgreSQL at ${server} did not answer: SQLite figures only. Set BENCH_DATABASE_URL_PG to a PostgreSQL 15+ server to measure both.`,
    );
    return ["sqlite"];
  }
  return db === "postgres" ? ["postgres"] : ["sqlite", "postgres"];
}

/** The named benchmarks (all by default), in this process, on `dialect`. */
async function runBenchmarks(dialect: BenchDialect, wanted: string[]): Promise<void> {
  for (const [name, run] of Object.entries(BENCHMARKS)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    const started = performance.now();
    await run(dialect);
    const seconds = Math.round((performance.now() - started) / 1000);
    console.error(`[bench] ${name} on ${DIALECT_NAMES[dialect]} took ${seconds} s`);
  }
}

/** This script again, for one database: its JSON lines go straight to our output. */
async function runProcessFor(dialect: BenchDialect, wanted: string[]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairo-bench-results-"));
  const results = path.join(dir, `${dialect}.json`);
  const env = { ...process.env };
  if (dialect === "postgres") env.DATABASE_URL = postgresServer();
  else delete env.DATABASE_URL;
  const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
  const script = path.join(process.cwd(), "bench", "index.ts");
  const args = ["--conditions=react-server", script, "--db", dialect, "--child", results];
  const child = spawn(tsx, [...args, ...wanted], { env, stdio: "inherit" });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  try {
    if (code !== 0)
      throw new Error(`the ${DIALECT_NAMES[dialect]} benchmarks failed (exit ${code})`);
    importResults(results);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const { db, wanted, child } = parseArguments(process.argv.slice(2));
  const unknown = wanted.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) throw new Error(`unknown benchmark(s): ${unknown.join(", ")}`);
  if (child) {
    await runBenchmarks(db as BenchDialect, wanted);
    exportResults(child);
    return;
  }
  const dialects = await chooseDatabases(db);
  const machine = {
    ...(await describeMachine(dialects.includes("postgres") ? postgresServer() : undefined)),
    databases: dialects,
    scale: SCALE,
  };
  console.log(JSON.stringify({ bench: "machine", variant: "this run", ...machine }));
  if (SCALE !== 1) note(`BENCH_SCALE=${SCALE}: data sizes scaled, figures not comparable.`);
  for (const dialect of dialects) await runProcessFor(dialect, wanted);
  printSummary();
  console.log(`\nAll figures: ${saveResults(machine)}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
