import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { atomic, insert, remove, update } from "@/db/events";
import { preparedRow } from "@/db/prepared";
import { db, firstRow } from "@/db/query";
import { messages, notifications, sessions, type User, users } from "@/db/schema";
import {
  isActiveAdmin,
  lastAdminRefusal,
  lockRoleDecisions,
  type Role,
  roleForNewAccount,
} from "@/lib/admin/roles";
import { fail, ok, type Result } from "@/lib/platform/result";
import {
  changePasswordSchema,
  deleteAccountSchema,
  parse,
  profileSchema,
  registerSchema,
  signInSchema,
} from "@/lib/platform/validation";
import { confirmPassword, TOO_MANY_GUESSES } from "./password-confirmation";
import { hashPassword, spendVerificationTime, verifyPassword } from "./passwords";
import { endAllSessions, noteSessionSeen, sessionCutoffs } from "./sessions";
import { recordSignInFailure, recordSignInSuccess, signInGate } from "./sign-in-limits";
import { signInMethod } from "./sign-in-method";

export interface Account {
  id: number;
  name: string;
  email: string;
}

export interface SessionUser extends Account {
  /** The server-side session the request's cookie belongs to. */
  sessionId: string;
  role: Role;
}

export async function registerUser(input: unknown): Promise<Result<Account>> {
  const parsed = parse(registerSchema, input);
  if (!parsed.ok) return parsed;
  const { name, email, password } = parsed.data;
  const taken = () =>
    fail("conflict", "An account with this email already exists.", {
      email: ["An account with this email already exists."],
    });
  if (await findUserByEmail(email)) return taken();
  const passwordHash = await hashPassword(password);
  try {
    // The first account ever becomes admin: decided under the roles lock, so two first
    // registrations racing each other make one admin, not two.
    const user = await atomic(async () => {
      await lockRoleDecisions();
      return insert("users", { name, email, passwordHash, role: await roleForNewAccount() });
    });
    return ok({ id: user.id, name: user.name, email: user.email });
  } catch (error) {
    // Two registrations raced for the same email: the unique index decides.
    if (isUniqueViolation(error)) return taken();
    throw error;
  }
}

/** SQLite says UNIQUE in its message; PostgreSQL sets SQLSTATE 23505 (maybe on the cause). */
function isUniqueViolation(error: unknown): boolean {
  const { code, cause } = (error ?? {}) as { code?: string; cause?: { code?: string } };
  return code === "23505" || cause?.code === "23505" || String(error).includes("UNIQUE");
}

async function findUserByEmail(email: string) {
  const [user] = await db().select().from(users).where(eq(users.email, email));
  return user;
}

/**
 * The user of a live session (one statement); undefined once the session has ended, has
 * been idle too long or is past its lifetime, or the account is deactivated (deactivating
 * ends its sessions too: this is the second lock). Last seen is written only when the stored
 * one is a few minutes old (lib/accounts/sessions.ts), so most requests cost this one statement.
 */
export async function findSessionUser(
  id: number,
  sessionId: string,
): Promise<SessionUser | undefined> {
  const now = Date.now();
  // Every request runs it: prepared once (db/prepared.ts).
  const row = await preparedRow<SessionUser & { lastSeenAt: number }>(
    "session-user",
    (on) =>
      on
        .select({
          id: users.id,
          name: users.name,
          email: users.email,
          sessionId: sessions.id,
          role: users.role,
          lastSeenAt: sessions.lastSeenAt,
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(
          and(
            eq(sessions.id, sql.placeholder("sessionId")),
            eq(sessions.userId, sql.placeholder("id")),
            isNull(users.deactivatedAt),
            gt(sessions.lastSeenAt, sql.placeholder("idleCutoff")),
            gt(sessions.createdAt, sql.placeholder("lifetimeCutoff")),
          ),
        ),
    { id, sessionId, ...sessionCutoffs(now) },
  );
  if (!row) return undefined;
  const { lastSeenAt, ...user } = row;
  await noteSessionSeen(sessionId, Number(lastSeenAt), now);
  return user;
}

export type SignInOutcome =
  | { ok: true; user: Account }
  | { ok: false; reason: "invalid" | "rate_limited" | "deactivated" };

/**
 * Checks an email and password. Unknown emails spend the same scrypt work as a wrong
 * password; failed attempts are limited and slowed down as lib/accounts/sign-in-limits.ts says.
 */
export async function verifyCredentials(input: unknown, address: string): Promise<SignInOutcome> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const gate = await signInGate(email, address);
  if (gate.limited) return { ok: false, reason: "rate_limited" };
  if (gate.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, gate.delayMs));
  const user = await findUserByEmail(email);
  const valid = user
    ? await verifyPassword(password, user.passwordHash)
    : await spendVerificationTime(password).then(() => false);
  if (!user || !valid) {
    await recordSignInFailure(email, address);
    return { ok: false, reason: "invalid" };
  }
  await recordSignInSuccess(email, address);
  // Told only to whoever knows the password: anyone else gets the usual "wrong password".
  if (user.deactivatedAt !== null) return { ok: false, reason: "deactivated" };
  return { ok: true, user: { id: user.id, name: user.name, email: user.email } };
}

export interface AccountSummary {
  messages: number;
  conversations: number;
  notifications: number;
  /** Whether deleting asks for a password: not for an account of single sign-on alone. */
  hasPassword: boolean;
}

/** What deleting the account would remove, for the settings page: one statement. */
export async function accountSummary(userId: number): Promise<AccountSummary> {
  const row = await firstRow<Omit<AccountSummary, "hasPassword"> & { has_password: unknown }>(sql`
    select
      (select count(*) from ${users}
        where ${users.id} = ${userId} and ${users.passwordHash} <> '') as has_password,
      (select count(*) from ${messages}
        where ${messages.senderId} = ${userId} or ${messages.receiverId} = ${userId}) as messages,
      (select count(*) from (
        select case when ${messages.senderId} = ${userId} then ${messages.receiverId}
                    else ${messages.senderId} end as other
        from ${messages}
        where ${messages.senderId} = ${userId} or ${messages.receiverId} = ${userId}
        group by other) as pairs) as conversations,
      (select count(*) from ${notifications} where ${notifications.userId} = ${userId}) as notifications
  `);
  return {
    messages: Number(row?.messages ?? 0),
    conversations: Number(row?.conversations ?? 0),
    notifications: Number(row?.notifications ?? 0),
    hasPassword: Number(row?.has_password ?? 0) > 0,
  };
}

/**
 * Deletes the account after checking its password again (wrong ones are limited and
 * audited as lib/accounts/password-confirmation.ts says; `address` is the request's). The user's row
 * goes through the events layer; the cleanup receivers remove every message, notification
 * and history of theirs in the same transaction.
 */
export async function deleteAccount(
  userId: number,
  input: unknown,
  address?: string,
): Promise<Result<{ id: number }>> {
  const parsed = parse(deleteAccountSchema, input);
  if (!parsed.ok) return parsed;
  const [user] = await db().select().from(users).where(eq(users.id, userId));
  if (!user) return fail("not_found", "That account does not exist any more.");
  const { password, confirmEmail } = parsed.data;
  const ssoOnly = signInMethod(user) === "sso";
  if ((ssoOnly || confirmEmail !== undefined) && confirmEmail !== user.email.toLowerCase()) {
    const message = "Type your account's email to confirm. Nothing was deleted.";
    return fail("invalid", message, { confirmEmail: [message] });
  }
  // Single sign-on alone: no password to ask for; the session and the typed email confirm.
  if (ssoOnly) return removeAccount(userId, user);
  if (!password) {
    const message = "Enter your password to confirm.";
    return fail("invalid", message, { password: [message] });
  }
  const confirmation = await confirmPassword(user, password, address);
  if (confirmation === "limited") {
    return fail("rate_limited", TOO_MANY_GUESSES, { password: [TOO_MANY_GUESSES] });
  }
  if (confirmation === "wrong") {
    const message = "That password is not right. Nothing was deleted.";
    return fail("invalid", message, { password: [message] });
  }
  return removeAccount(userId, user);
}

/**
 * Removes an account and everything of theirs: the user's own deletion and the admin
 * console's both come here. The user's row goes through the events layer; the cleanup
 * receivers remove every message, notification, history and session of theirs in the same
 * transaction. The last admin cannot go.
 */
export async function removeAccount(userId: number, known?: User): Promise<Result<{ id: number }>> {
  return atomic(async (): Promise<Result<{ id: number }>> => {
    // A member just read goes without more ado; an admin is re-read under the roles lock.
    let user = known;
    if (!user || isActiveAdmin(user)) {
      await lockRoleDecisions();
      [user] = await db().select().from(users).where(eq(users.id, userId));
    }
    if (!user) return fail("not_found", "That account does not exist any more.");
    const refusal = await lastAdminRefusal(user, "delete their account");
    if (refusal) return fail("conflict", refusal);
    if (!(await remove("users", userId))) {
      return fail("not_found", "That account does not exist any more.");
    }
    return ok({ id: userId });
  });
}

/**
 * Changes the password after checking the current one (wrong ones are limited and audited
 * as lib/accounts/password-confirmation.ts says; `address` is the request's). Every other session
 * ends with the old password (a stolen cookie stops working); the one that made the change
 * stays.
 */
export async function changePassword(
  user: Pick<SessionUser, "id" | "sessionId">,
  input: unknown,
  address?: string,
): Promise<Result<{ endedSessions: number }>> {
  const parsed = parse(changePasswordSchema, input);
  if (!parsed.ok) return parsed;
  const [row] = await db().select().from(users).where(eq(users.id, user.id));
  if (!row) return fail("not_found", "That account does not exist any more.");
  const confirmation = await confirmPassword(row, parsed.data.currentPassword, address);
  if (confirmation === "limited") {
    return fail("rate_limited", TOO_MANY_GUESSES, { currentPassword: [TOO_MANY_GUESSES] });
  }
  if (confirmation === "wrong") {
    const message = "That password is not right. Nothing was changed.";
    return fail("invalid", message, { currentPassword: [message] });
  }
  const passwordHash = await hashPassword(parsed.data.newPassword);
  const { ended } = await atomic(async () => {
    await update("users", user.id, { passwordHash });
    return endAllSessions(user.id, { keep: user.sessionId });
  });
  return ok({ endedSessions: ended });
}

/**
 * Changes the user's display name through the events layer: the cache receivers expire
 * every cached conversation and thread that shows it (lib/platform/cache-receivers.ts).
 */
export async function renameUser(userId: number, input: unknown): Promise<Result<Account>> {
  const parsed = parse(profileSchema, input);
  if (!parsed.ok) return parsed;
  const user = await update("users", userId, { name: parsed.data.name });
  if (!user) return fail("not_found", "That account does not exist any more.");
  return ok({ id: user.id, name: user.name, email: user.email });
}
