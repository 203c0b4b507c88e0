import Database from "better-sqlite3";

/**
 * A second process writing to the same database file while the server is under load, as a
 * maintenance script or a backup would: without it the server is the file's only writer
 * and SQLITE_BUSY could never arise. It writes to a table of its own, in short bursts that
 * each hold the write lock for a few milliseconds.
 */
export function startCompetingWriter(file: string, { everyMs = 40, rowsPerBurst = 400 } = {}) {
  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  db.exec("create table if not exists reliability_probe (id integer primary key, payload text)");
  const insert = db.prepare("insert into reliability_probe (payload) values (?)");
  const burst = db.transaction(() => {
    for (let i = 0; i < rowsPerBurst; i++) insert.run(`probe ${i}`);
  });
  const counts = { bursts: 0, busy: 0 };
  const timer = setInterval(() => {
    try {
      burst.immediate();
      counts.bursts++;
    } catch {
      counts.busy++;
    }
  }, everyMs);
  return {
    stop(): { bursts: number; busy: number } {
      clearInterval(timer);
      db.close();
      return counts;
    },
  };
}
