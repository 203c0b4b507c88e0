/**
 * `npm run bench [-- name ...]`: every benchmark (or the named ones), each printing one JSON
 * line per figure, then a summary table of figure, value, target and whether it was met.
 */
import { httpCacheBenchmark } from "./figures/http";
import { pagesBenchmark } from "./figures/pages";
import { sendingBenchmark } from "./figures/sending";
import { threadBenchmark } from "./figures/thread";
import { unreadBenchmark } from "./figures/unread";
import { describeMachine } from "./support/machine";
import { printSummary, saveResults } from "./support/report";

const BENCHMARKS: Record<string, () => void | Promise<void>> = {
  thread: threadBenchmark,
  pages: pagesBenchmark,
  sending: sendingBenchmark,
  unread: unreadBenchmark,
  http: httpCacheBenchmark,
};

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) throw new Error(`unknown benchmark(s): ${unknown.join(", ")}`);
  const machine = describeMachine();
  console.log(JSON.stringify({ bench: "machine", variant: "this run", ...machine }));
  for (const [name, run] of Object.entries(BENCHMARKS)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    const started = performance.now();
    await run();
    console.error(`[bench] ${name} took ${Math.round((performance.now() - started) / 1000)} s`);
  }
  printSummary();
  console.log(`\nAll figures: ${saveResults(machine)}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
