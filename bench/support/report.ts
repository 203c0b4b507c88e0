import fs from "node:fs";
import path from "node:path";
import { type BenchDialect, DIALECT_NAMES } from "./temp-database";

/**
 * What a figure was measured on: a database, or `cluster`, bench:users' two `next start`
 * behind nginx with PostgreSQL and Redis (scripts/cluster/cluster.ts).
 */
export type BenchTarget = BenchDialect | "cluster";

export const TARGET_NAMES: Record<BenchTarget, string> = {
  ...DIALECT_NAMES,
  cluster: "Two servers",
};

/** One measured figure: printed at once as one JSON line. */
export type Figure = { bench: string; variant: string; db: BenchTarget } & Record<string, unknown>;

/** One measured value of the closing summary table: a figure, on one database. */
export interface Verdict {
  figure: string;
  db: BenchTarget;
  value: string;
  target: string;
  /** null: a figure for context, with no target of its own (on this database). */
  met: boolean | null;
}

const figures: Figure[] = [];
const verdicts: Verdict[] = [];
const notes: string[] = [];

export function emit(figure: Figure): void {
  figures.push(figure);
  console.log(JSON.stringify(figure));
}

export function judge(verdict: Verdict): void {
  verdicts.push(verdict);
}

/** A line printed under the table (a skipped benchmark, a database that was not reached). */
export function note(text: string): void {
  notes.push(text);
  console.error(`[bench] ${text}`);
}

const metText = (met: boolean | null | undefined) =>
  met === undefined ? "" : met === null ? "n/a" : met ? "yes" : "NO";

/**
 * The table: one row per figure, its target, then each database's value and verdict side
 * by side (in the order the databases were measured).
 */
export function printSummary(): void {
  const dbs = [...new Set(verdicts.map((v) => v.db))];
  const byFigure = new Map<string, { target: string; cells: Map<BenchTarget, Verdict> }>();
  for (const verdict of verdicts) {
    const row = byFigure.get(verdict.figure) ?? { target: verdict.target, cells: new Map() };
    row.cells.set(verdict.db, verdict);
    byFigure.set(verdict.figure, row);
  }
  const header = [
    "figure",
    "target",
    ...dbs.flatMap((db) => [TARGET_NAMES[db], `${TARGET_NAMES[db]} met?`]),
  ];
  const rows = [...byFigure].map(([figure, { target, cells }]) => [
    figure,
    target,
    ...dbs.flatMap((db) => [cells.get(db)?.value ?? "-", metText(cells.get(db)?.met)]),
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  console.log("");
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of rows) console.log(line(row));
  for (const text of notes) console.log(`\nNote: ${text}`);
}

/** What a benchmark process measured, for the process that started it (bench/index.ts). */
export function exportResults(file: string): void {
  fs.writeFileSync(file, JSON.stringify({ figures, verdicts, notes }));
}

/** Adds what a benchmark process measured (its JSON lines were already printed). */
export function importResults(file: string): void {
  const results = JSON.parse(fs.readFileSync(file, "utf8")) as {
    figures: Figure[];
    verdicts: Verdict[];
    notes: string[];
  };
  figures.push(...results.figures);
  verdicts.push(...results.verdicts);
  notes.push(...results.notes);
}

/** Everything measured, for the README's table (bench/results/ is git-ignored). */
export function saveResults(machine: Record<string, unknown>): string {
  const dir = path.join(process.cwd(), "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "latest.json");
  fs.writeFileSync(file, `${JSON.stringify({ machine, figures, verdicts, notes }, null, 2)}\n`);
  return file;
}
