import { eq, sql } from "drizzle-orm";
import { getConnection } from "@/db/client";
import { findRow } from "@/db/events";
import { db, rows } from "@/db/query";
import { users } from "@/db/schema";

async function timeIt(label: string, n: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 200; i++) await fn();
  const c = process.cpuUsage(); const t = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const u = process.cpuUsage(c);
  console.log(label, "cpu us/op", ((u.user + u.system) / n).toFixed(1), "wall us/op", ((performance.now() - t) * 1000 / n).toFixed(1));
}
async function main() {
  getConnection();
  await timeIt("builder select", 3000, () => db().select().from(users).where(eq(users.id, 1)));
  await timeIt("findRow", 3000, () => findRow("users", 1));
  await timeIt("raw rows", 3000, () => rows(sql`select id, name from users where id = ${1}`));
  const c = getConnection();
  if (c.dialect === "postgres") await timeIt("pool.query", 3000, () => c.pool.query("select id, name from users where id = $1", [1]));
  process.exit(0);
}
main();
