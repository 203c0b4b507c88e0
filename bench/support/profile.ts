import fs from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** The functions and packages with the most self time in a `--cpu-prof` file, printed. */
export function summarizeProfile(file: string, top = 30) {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as {
    nodes: Node[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const byPackage = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const where = frame.url
      .replace(/^.*node_modules\//, "")
      .replace(/^file:\/\/.*?\.next\//, ".next/");
    const key = `${frame.functionName || "(anonymous)"} ${where}:${frame.lineNumber}`;
    const us = profile.timeDeltas[i] ?? 0;
    self.set(key, (self.get(key) ?? 0) + us);
    const pkg = /^(@[^/]+\/[^/]+|[^/]+)/.exec(where)?.[1] ?? "(native)";
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const show = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`)
      .join("\n");
  console.log(
    `--- self time by package (${(total / 1e6).toFixed(1)} s sampled)\n${show(byPackage)}`,
  );
  console.log(`--- self time by function\n${show(self)}`);
}

// `tsx bench/support/profile.ts FILE`: the summary of a profile written elsewhere
// (BENCH_USERS_CPU_PROF=dir npm run bench:users).
if (process.argv[1]?.endsWith("profile.ts") && process.argv[2]) summarizeProfile(process.argv[2]);
