import { getConnection } from "@/db/client";
import { countAsync } from "@/db/statement-counter";

/**
 * The query plan of a statement as the database explains it, one line per step. SQLite:
 * EXPLAIN QUERY PLAN. PostgreSQL: EXPLAIN, with sequential scans disabled in a throwaway
 * transaction, since on a table this small a scan is cheapest and hides which index the
 * planner can use.
 */
export async function planOf(query: { sql: string; params: unknown[] }): Promise<string> {
  const connection = getConnection();
  if (connection.dialect === "sqlite") {
    const plan = connection.sqlite
      .prepare(`explain query plan ${query.sql}`)
      .all(...query.params) as { detail: string }[];
    return plan.map((row) => row.detail).join("\n");
  }
  const client = await connection.pool.connect();
  try {
    await client.query("begin");
    await client.query("set local enable_seqscan = off");
    const plan = await client.query<{ "QUERY PLAN": string }>(`explain ${query.sql}`, query.params);
    return plan.rows.map((row) => row["QUERY PLAN"]).join("\n");
  } finally {
    await client.query("rollback");
    client.release();
  }
}

/** The plan of the first statement `read` runs (of `ran`), as the database would run it now. */
export async function planOfRead(read: () => Promise<unknown>, ran = 1): Promise<string> {
  const { statements, params } = await countAsync(read);
  if (statements.length !== ran)
    throw new Error(`expected ${ran} statements, ran ${statements.length}`);
  return planOf({ sql: statements[0] as string, params: params[0] as unknown[] });
}

/** Gathers the planner's statistics, as an operator's `analyze` would. */
export async function analyzeTables(): Promise<void> {
  const connection = getConnection();
  if (connection.dialect === "sqlite") connection.sqlite.exec("analyze");
  else await connection.pool.query("analyze");
}
