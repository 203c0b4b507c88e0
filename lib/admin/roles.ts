import "server-only";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { findRow } from "@/db/events";
import { db, firstRow, perDialect } from "@/db/query";
import type { User } from "@/db/schema";
import { users } from "@/db/schema";

export type Role = "member" | "admin";

/**
 * Serializes the decisions that depend on who the admins are (the first account becomes
 * admin; the last admin stays one) until the transaction ends. SQLite needs nothing: its
 * transactions take the single writer in turn (BEGIN IMMEDIATE). PostgreSQL at READ
 * COMMITTED would let two transactions each see "no admin yet" (or "another admin is
 * left"), so they queue on a transaction-level advisory lock. Call inside `atomic`.
 */
export async function lockRoleDecisions(): Promise<void> {
  await perDialect({
    sqlite: async () => undefined,
    postgres: async () => {
      await firstRow(sql`select pg_advisory_xact_lock(${ROLES_LOCK_KEY}) as locked`);
    },
  });
}

/** An arbitrary constant naming the lock; "cairo roles" in ASCII, as a 32-bit integer. */
const ROLES_LOCK_KEY = 0x63726f6c;

/** The role a new account gets: admin when it is the first one ever (inside the lock). */
export async function roleForNewAccount(): Promise<Role> {
  const [anyone] = await db().select({ id: users.id }).from(users).limit(1);
  return anyone ? "member" : "admin";
}

/** Active (not deactivated) admins other than `userId`. */
export async function otherActiveAdmins(userId: number): Promise<number> {
  const [row] = await db()
    .select({ n: sql<number>`count(*)` })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.deactivatedAt), ne(users.id, userId)));
  return Number(row?.n ?? 0);
}

export function isActiveAdmin(user: Pick<User, "role" | "deactivatedAt">): boolean {
  return user.role === "admin" && user.deactivatedAt === null;
}

/**
 * Refuses a change that would leave no active admin: revoking, deactivating or deleting
 * the last one. Returns the message to show, or null when the change may go ahead.
 * Call inside `atomic` after `lockRoleDecisions`.
 */
export async function lastAdminRefusal(user: User, change: string): Promise<string | null> {
  if (!isActiveAdmin(user)) return null;
  if ((await otherActiveAdmins(user.id)) > 0) return null;
  return `${user.name} is the last admin and cannot ${change}. Make someone else admin first.`;
}

export function findUser(id: number): Promise<User | undefined> {
  return findRow("users", id);
}
