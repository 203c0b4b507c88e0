import { sql } from "drizzle-orm";
import { insert } from "@/db/events";
import { rows } from "@/db/query";
import type { Message, User } from "@/db/schema";
import { hashPassword } from "@/lib/accounts/passwords";
import { sendMessage, storeMessage } from "@/lib/messaging/messages";
import type { Result } from "@/lib/platform/result";

export const PASSWORD = "correct horse battery";
// A cheap hash keeps the suite fast; the production cost is tested in passwords.test.ts.
const cheapHash = hashPassword(PASSWORD, 2 ** 10);

let userSerial = 0;

export async function makeUser(name = `User ${++userSerial}`): Promise<User> {
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}.${++userSerial}@cairo.test`;
  return insert("users", { name, email, passwordHash: await cheapHash });
}

type TableName = "users" | "messages" | "notifications" | "message_history" | "sessions";

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

/**
 * Stores a message through lib/ without the access checks of sending or replying (a test
 * builds threads of any shape with it). Failing the test on a refusal, whether storeMessage
 * answers with the row or with a Result.
 */
export async function store(values: Parameters<typeof storeMessage>[0]): Promise<Message> {
  const stored: Message | Result<Message> = await storeMessage(values);
  return "ok" in stored ? expectOk(stored) : stored;
}

/** Unwraps a Result, failing the test on a refusal. */
export function expectOk<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.code}: ${result.error}`);
  return result.data;
}

/**
 * Rows whose foreign keys point at nothing, per table: what SQLite's `foreign_key_check`
 * reports, as one query both databases run. A consistent database gives all zeros.
 */
export async function brokenForeignKeys() {
  const [row] = await rows<{
    messages: number;
    notifications: number;
    history: number;
    sessions: number;
  }>(sql`
    select
      (select count(*) from messages where sender_id not in (select id from users)
         or receiver_id not in (select id from users)
         or (parent_message_id is not null
             and parent_message_id not in (select id from messages))) as messages,
      (select count(*) from notifications where message_id not in (select id from messages)
         or user_id not in (select id from users)) as notifications,
      (select count(*) from message_history where message_id not in (select id from messages)
         or edited_by not in (select id from users)) as history,
      (select count(*) from sessions where user_id not in (select id from users)) as sessions`);
  return {
    messages: Number(row?.messages),
    notifications: Number(row?.notifications),
    history: Number(row?.history),
    sessions: Number(row?.sessions),
  };
}

export const NO_BROKEN_FOREIGN_KEYS = { messages: 0, notifications: 0, history: 0, sessions: 0 };

/** A stored boolean as a boolean: SQLite returns 0/1 from raw SQL, PostgreSQL true/false. */
export function bool(value: unknown): boolean | undefined {
  return value === undefined || value === null ? undefined : Boolean(value);
}

/**
 * `count` new users joined to a room straight in SQL (one statement each for the users and
 * the memberships), for tests where the room's size, not the joining, is under test.
 * Returns the first and last new user's ids (consecutive).
 */
export async function addMembers(
  roomId: number,
  count: number,
  name = "Member",
): Promise<{ first: number; last: number }> {
  const [newest] = await rows<{ id: number }>(sql`select max(id) as id from users`);
  const base = Number(newest?.id ?? 0);
  await rows(sql`with recursive s(n) as (select 1 union all select n + 1 from s where n < ${count})
    insert into users (name, email, password_hash)
    select ${`${name} `} || n, 'member' || n || '-' || ${base} || '@members.test', 'x' from s
    returning id`);
  await rows(sql`insert into room_members (room_id, user_id)
    select ${roomId}, id from users where id > ${base} returning user_id`);
  return { first: base + 1, last: base + count };
}
