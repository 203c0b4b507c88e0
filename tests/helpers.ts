import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { insert } from "@/db/events";
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

/** Every row of a table, for before/after comparisons. */
export function allRows(table: "users" | "messages" | "notifications" | "message_history") {
  return getDb().all<Record<string, unknown>>(sql.raw(`select * from ${table} order by id`));
}

export function rowCounts() {
  return {
    users: allRows("users").length,
    messages: allRows("messages").length,
    notifications: allRows("notifications").length,
    message_history: allRows("message_history").length,
  };
}

/** Sends a message through lib/, failing the test on a refusal. */
export function send(senderId: number, receiverId: number, content = "hello") {
  const result = sendMessage(senderId, { receiverId, content });
  if (!result.ok) throw new Error(result.error);
  return result.data;
}

/** Unwraps a Result, failing the test on a refusal. */
export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.code}: ${result.error}`);
  return result.data;
}
