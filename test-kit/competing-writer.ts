import Database from "better-sqlite3";
import pg from "pg";
import { dialectOf } from "@/db/dialect";

interface Counts {
  bursts: number;
  busy: number;
}

/**
 * A second writer on the same database while the server is under load, as a maintenance
 * script or a backup would: on SQLite, without it the server is the file's only writer and
 * SQLITE_BUSY could never arise; on PostgreSQL it competes for the server's locks and
 * connections. It writes to a table of its own, in short bursts of `rowsPerBurst` rows, one
 * transaction each.
 */
export function startCompetingWriter(url: string, { everyMs = 40, rowsPerBurst = 400 } = {}) {
  return dialectOf(url) === "postgres"
    ? postgresWriter(url, everyMs, rowsPerBurst)
    : sqliteWriter(url, everyMs, rowsPerBurst);
}

function sqliteWriter(file: string, everyMs: number, rowsPerBurst: number) {
  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  db.exec("create table if not exists reliability_probe (id integer primary key, payload text)");
  const insert = db.prepare("insert into reliability_probe (payload) values (?)");
  const burst = db.transaction(() => {
    for (let i = 0; i < rowsPerBurst; i++) insert.run(`probe ${i}`);
  });
  const counts: Counts = { bursts: 0, busy: 0 };
  const timer = setInterval(() => {
    try {
      burst.immediate();
      counts.bursts++;
    } catch {
      counts.busy++;
    }
  }, everyMs);
  return {
    async stop(): Promise<Counts> {
      clearInterval(timer);
      db.close();
      return counts;
    },
  };
}

function postgresWriter(url: string, everyMs: number, rowsPerBurst: number) {
  const client = new pg.Client({ connectionString: url });
  const counts: Counts = { bursts: 0, busy: 0 };
  const ready = client
    .connect()
    .then(() =>
      client.query(
        "create table if not exists reliability_probe (id serial primary key, payload text)",
      ),
    );
  let running: Promise<void> = ready.then(() => undefined);
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    running = ready
      .then(async () => {
        await client.query("begin");
        await client.query(
          "insert into reliability_probe (payload) select 'probe ' || i from generate_series(1, $1) as i",
          [rowsPerBurst],
        );
        await client.query("commit");
        counts.bursts++;
      })
      .catch(() => {
        counts.busy++;
      })
      .finally(() => {
        busy = false;
      });
  }, everyMs);
  return {
    async stop(): Promise<Counts> {
      clearInterval(timer);
      await running;
      await client.end();
      return counts;
    },
  };
}
