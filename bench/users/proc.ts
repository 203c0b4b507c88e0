import fs from "node:fs";

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux). */
const TICKS = 100;

/** A process and its descendants, from /proc: the server may fork workers. */
function tree(pid: number): number[] {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    const current = pids[i] as number;
    try {
      for (const task of fs.readdirSync(`/proc/${current}/task`)) {
        const children = fs.readFileSync(`/proc/${current}/task/${task}/children`, "utf8");
        for (const child of children.trim().split(/\s+/).filter(Boolean)) pids.push(Number(child));
      }
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/** CPU seconds (user + system) the process tree has used so far. */
export function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const id of tree(pid)) {
    try {
      const stat = fs.readFileSync(`/proc/${id}/stat`, "utf8");
      // Fields after the command name (which may hold spaces): utime is 14th, stime 15th.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited meanwhile
    }
  }
  return ticks / TICKS;
}

/** Resident memory of the process tree, in MiB. */
export function rssMiB(pid: number): number {
  let kib = 0;
  for (const id of tree(pid)) {
    try {
      const status = fs.readFileSync(`/proc/${id}/status`, "utf8");
      kib += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      // exited meanwhile
    }
  }
  return kib / 1024;
}

/** CPU seconds the whole machine has been busy (every core, every process), from /proc/stat. */
export function machineCpuSeconds(): number {
  const [, ...times] = (fs.readFileSync("/proc/stat", "utf8").split("\n")[0] as string)
    .trim()
    .split(/\s+/)
    .map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = times;
  return (user + nice + system + irq + softirq + steal) / TICKS;
}
