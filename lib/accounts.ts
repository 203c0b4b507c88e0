import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { insert, remove } from "@/db/events";
import { messages, notifications, users } from "@/db/schema";
import { hashPassword, spendVerificationTime, verifyPassword } from "./passwords";
import { fail, ok, type Result } from "./result";
import { recordSignInFailure, recordSignInSuccess, signInGate } from "./sign-in-limits";
import { deleteAccountSchema, parse, registerSchema, signInSchema } from "./validation";

export interface SessionUser {
  id: number;
  name: string;
  email: string;
}

export async function registerUser(input: unknown): Promise<Result<SessionUser>> {
  const parsed = parse(registerSchema, input);
  if (!parsed.ok) return parsed;
  const { name, email, password } = parsed.data;
  const taken = () =>
    fail("conflict", "An account with this email already exists.", {
      email: ["An account with this email already exists."],
    });
  if (findUserByEmail(email)) return taken();
  const passwordHash = await hashPassword(password);
  try {
    const user = insert("users", { name, email, passwordHash });
    return ok({ id: user.id, name: user.name, email: user.email });
  } catch (error) {
    // Two registrations raced for the same email: the unique index decides.
    if (String(error).includes("UNIQUE")) return taken();
    throw error;
  }
}

function findUserByEmail(email: string) {
  return getDb().select().from(users).where(eq(users.email, email)).get();
}

export function findSessionUser(id: number): SessionUser | undefined {
  return getDb()
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, id))
    .get();
}

export type SignInOutcome =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" | "rate_limited" };

/**
 * Checks an email and password. Unknown emails spend the same scrypt work as a wrong
 * password; failed attempts are limited and slowed down as lib/sign-in-limits.ts says.
 */
export async function verifyCredentials(input: unknown, address: string): Promise<SignInOutcome> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const gate = signInGate(email, address);
  if (gate.limited) return { ok: false, reason: "rate_limited" };
  if (gate.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, gate.delayMs));
  const user = findUserByEmail(email);
  const valid = user
    ? await verifyPassword(password, user.passwordHash)
    : await spendVerificationTime(password).then(() => false);
  if (!user || !valid) {
    recordSignInFailure(email, address);
    return { ok: false, reason: "invalid" };
  }
  recordSignInSuccess(email, address);
  return { ok: true, user: { id: user.id, name: user.name, email: user.email } };
}

export interface AccountSummary {
  messages: number;
  conversations: number;
  notifications: number;
}

/** What deleting the account would remove, for the settings page: one statement. */
export function accountSummary(userId: number): AccountSummary {
  return getDb().get<AccountSummary>(sql`
    select
      (select count(*) from ${messages}
        where ${messages.senderId} = ${userId} or ${messages.receiverId} = ${userId}) as messages,
      (select count(*) from (
        select case when ${messages.senderId} = ${userId} then ${messages.receiverId}
                    else ${messages.senderId} end as other
        from ${messages}
        where ${messages.senderId} = ${userId} or ${messages.receiverId} = ${userId}
        group by other)) as conversations,
      (select count(*) from ${notifications} where ${notifications.userId} = ${userId}) as notifications
  `);
}

/**
 * Deletes the account after checking its password again. The user's row goes through the
 * events layer; the cleanup receivers remove every message, notification and history of
 * theirs in the same transaction.
 */
export async function deleteAccount(
  userId: number,
  input: unknown,
): Promise<Result<{ id: number }>> {
  const parsed = parse(deleteAccountSchema, input);
  if (!parsed.ok) return parsed;
  const user = getDb().select().from(users).where(eq(users.id, userId)).get();
  if (!user) return fail("not_found", "That account does not exist any more.");
  if (!(await verifyPassword(parsed.data.password, user.passwordHash))) {
    const message = "That password is not right. Nothing was deleted.";
    return fail("invalid", message, { password: [message] });
  }
  remove("users", userId);
  return ok({ id: userId });
}
