import { sql } from "drizzle-orm";
import { insert } from "@/db/events";
import { rows } from "@/db/query";
import type { User } from "@/db/schema";
import { sendMessage } from "@/lib/messages";
import { hashPassword } from "@/lib/passwords";
import type { Result } from "@/lib/result";

export const PASSWORD = "correct horse battery";
// A cheap hash keeps the suite fast; the production cost is tested in passwords.test.ts.
const cheapHash = hashPassword(PASSWORD, 2 ** 10);

let userSerial = 0;

export async function makeUser(name = `User ${++userSerial}`): Promise<User> {
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}.${++userSerial}@cairo.test`;
  return insert("users", { name, email, passwordHash: await cheapHash });
}

type TableName = "users" | "messages" | "notifications" | "message_history";

/** Every row of a table, for before/after comparisons. */
export function allRows(table: TableName): Promise<Record<string, unknown>[]> {
  return rows<Record<string, unknown>>(sql.raw(`select * from ${table} order by id`));
}

/** How many rows match a raw SQL condition (in the syntax both databases share). */
export async function countWhere(table: TableName, condition = "1 = 1"): Promise<number> {
  const [row] = await rows<{ n: number }>(
    sql.raw(`select count(*) as n from ${table} where ${condition}`),
  );
  return Number(row?.n ?? 0);
}

export async function rowCounts() {
  return {
    users: await countWhere("users"),
    messages: await countWhere("messages"),
    notifications: await countWhere("notifications"),
    message_history: await countWhere("message_history"),
  };
}

/** Sends a message through lib/, failing the test on a refusal. */
export async function send(senderId: number, receiverId: number, content = "hello") {
  const result = await sendMessage(senderId, { receiverId, content });
  if (!result.ok) throw new Error(result.error);
  return result.data;
}

/** Unwraps a Result, failing the test on a refusal. */
export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.code}: ${result.error}`);
  return result.data;
}
