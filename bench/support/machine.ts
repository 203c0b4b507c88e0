import fs from "node:fs";
import os from "node:os";
import pg from "pg";

/** The PostgreSQL server's version string, or why it could not be read. */
async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    const { rows } = await client.query("show server_version");
    return String(rows[0]?.server_version ?? "unknown");
  } catch (error) {
    return `unreachable (${(error as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Where the figures came from, for the README. */
export async function describeMachine(postgresUrl?: string) {
  const cpuinfo = fs.existsSync("/proc/cpuinfo") ? fs.readFileSync("/proc/cpuinfo", "utf8") : "";
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? "unknown";
  return {
    cpus: os.availableParallelism(),
    cpu_model: model.trim(),
    memory_gib: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    ...(postgresUrl ? { postgres: await postgresVersion(postgresUrl) } : {}),
    // Other work on the machine skews every timing: the 1-minute load average at the start.
    load_average_1m: Number(os.loadavg()[0]?.toFixed(2)),
  };
}
