import fs from "node:fs";
import os from "node:os";

/** Where the figures came from, for the README. */
export function describeMachine() {
  const cpuinfo = fs.existsSync("/proc/cpuinfo") ? fs.readFileSync("/proc/cpuinfo", "utf8") : "";
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? "unknown";
  return {
    cpus: os.availableParallelism(),
    cpu_model: model.trim(),
    memory_gib: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    // Other work on the machine skews every timing: the 1-minute load average at the start.
    load_average_1m: Number(os.loadavg()[0]?.toFixed(2)),
  };
}
