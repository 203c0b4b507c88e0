import fs from "node:fs";
import path from "node:path";

/** One measured figure: printed at once as one JSON line. */
export type Figure = { bench: string; variant: string } & Record<string, unknown>;

/** One line of the closing summary table. */
export interface Verdict {
  figure: string;
  value: string;
  target: string;
  /** null: a figure for context, with no target of its own. */
  met: boolean | null;
}

const figures: Figure[] = [];
const verdicts: Verdict[] = [];

export function emit(figure: Figure): void {
  figures.push(figure);
  console.log(JSON.stringify(figure));
}

export function judge(verdict: Verdict): void {
  verdicts.push(verdict);
}

export function printSummary(): void {
  const header: Verdict = { figure: "figure", value: "value", target: "target", met: true };
  const rows = [header, ...verdicts];
  const width = (key: "figure" | "value" | "target") =>
    Math.max(...rows.map((row) => row[key].length));
  const line = (row: Verdict, met: string) =>
    `| ${row.figure.padEnd(width("figure"))} | ${row.value.padEnd(width("value"))} | ${row.target.padEnd(width("target"))} | ${met.padEnd(4)} |`;
  console.log("");
  console.log(line(header, "met?"));
  console.log(
    `|${"-".repeat(width("figure") + 2)}|${"-".repeat(width("value") + 2)}|${"-".repeat(width("target") + 2)}|------|`,
  );
  for (const row of verdicts)
    console.log(line(row, row.met === null ? "n/a" : row.met ? "yes" : "NO"));
}

/** Everything measured, for the README's table (bench/results/ is git-ignored). */
export function saveResults(machine: Record<string, unknown>): string {
  const dir = path.join(process.cwd(), "bench", "results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "latest.json");
  fs.writeFileSync(file, `${JSON.stringify({ machine, figures, verdicts }, null, 2)}\n`);
  return file;
}
