/**
 * `npm run bench [-- [--db sqlite|postgres|both] name ...]`: every benchmark (or the named
 * ones) on each database, each printing one JSON line per figure, then a summary table of
 * figure, target, and each database's value and verdict side by side.
 *
 * PostgreSQL is the server BENCH_DATABASE_URL_PG names (default: postgres@127.0.0.1:5432),
 * reached over loopback TCP; each figure creates its own database there and drops it after.
 * Without --db: both databases when that server answers, else SQLite alone, with a note.
 */
import { httpCacheBenchmark } from "./figures/http";
import { pagesBenchmark } from "./figures/pages";
import { sendingBenchmark } from "./figures/sending";
import { threadBenchmark } from "./figures/thread";
import { unreadBenchmark } from "./figures/unread";
import { SCALE } from "./support/data";
import { describeMachine } from "./support/machine";
import { note, printSummary, saveResults } from "./support/report";
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
  http: httpCacheBenchmark,
};

/** `--db x` or `--db=x`, and the benchmark names. */
function parseArguments(args: string[]): { db: string | undefined; wanted: string[] } {
  let db: string | undefined;
  const wanted: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--db") db = args[++i];
    else if (arg.startsWith("--db=")) db = arg.slice("--db=".length);
    else wanted.push(arg);
  }
  if (db !== undefined && !["sqlite", "postgres", "both"].includes(db))
    throw new Error(`--db takes sqlite, postgres or both, not ${db}`);
  return { db, wanted };
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

async function main() {
  const { db, wanted } = parseArguments(process.argv.slice(2));
  const unknown = wanted.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) throw new Error(`unknown benchmark(s): ${unknown.join(", ")}`);
  const dialects = await chooseDatabases(db);
  const machine = {
    ...(await describeMachine(dialects.includes("postgres") ? postgresServer() : undefined)),
    databases: dialects,
    scale: SCALE,
  };
  console.log(JSON.stringify({ bench: "machine", variant: "this run", ...machine }));
  if (SCALE !== 1) note(`BENCH_SCALE=${SCALE}: data sizes scaled, figures not comparable.`);
  for (const [name, run] of Object.entries(BENCHMARKS)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    for (const dialect of dialects) {
      const started = performance.now();
      await run(dialect);
      const seconds = Math.round((performance.now() - started) / 1000);
      console.error(`[bench] ${name} on ${DIALECT_NAMES[dialect]} took ${seconds} s`);
    }
  }
  printSummary();
  console.log(`\nAll figures: ${saveResults(machine)}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
