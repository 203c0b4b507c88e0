import "server-only";
import { atomic, insert, update } from "@/db/events";
import type { User } from "@/db/schema";
import { removeAccount } from "@/lib/accounts/accounts";
import { endAllSessions } from "@/lib/accounts/sessions";
import { fail, ok, type Result } from "@/lib/platform/result";
import { parse } from "@/lib/platform/validation";
import { findUser, isActiveAdmin, lastAdminRefusal, lockRoleDecisions, type Role } from "./roles";
import { adminTargetSchema } from "./schemas";

export type AdminAction = "deactivate" | "reactivate" | "delete" | "grant_admin" | "revoke_admin";

/**
 * Who acts: a signed-in admin (re-checked inside the transaction), or the operator at the
 * command line (`npm run admin`), who has the server's shell and so needs no account.
 */
export type Actor = { kind: "admin"; id: number } | { kind: "command-line" };

export const COMMAND_LINE: Actor = { kind: "command-line" };

const notFound = () => fail("not_found", "That account does not exist.");

/**
 * Runs one admin action on the account `input.userId` names, in one transaction: the
 * actor's role is re-read there (a revoked or deactivated admin can do nothing), the roles
 * lock is taken (the last-admin rule holds under concurrency), and the audit entry is
 * written with the change.
 */
function moderate(
  actor: Actor,
  input: unknown,
  action: AdminAction,
  change: (target: User) => Promise<Result<unknown>>,
): Promise<Result<{ userId: number }>> {
  const parsed = parse(adminTargetSchema, input);
  if (!parsed.ok) return Promise.resolve(parsed);
  const { userId } = parsed.data;
  return atomic(async (): Promise<Result<{ userId: number }>> => {
    await lockRoleDecisions();
    const admin = actor.kind === "admin" ? await findUser(actor.id) : undefined;
    if (actor.kind === "admin" && (!admin || !isActiveAdmin(admin))) {
      return fail("forbidden", "Only admins can do that.");
    }
    const target = await findUser(userId);
    if (!target) return notFound();
    // The entry is written first: deleting the target must not lose its snapshot.
    await insert("audit_log", {
      actorId: admin?.id ?? null,
      actorName: admin?.name ?? "Command line",
      actorEmail: admin?.email ?? "",
      action,
      targetId: target.id,
      targetName: target.name,
      targetEmail: target.email,
    });
    const result = await change(target);
    // A refusal rolls the audit entry back with everything else.
    if (!result.ok) throw new Refused(result);
    return ok({ userId: target.id });
  }).catch((error: unknown) => {
    if (error instanceof Refused) return error.result;
    throw error;
  });
}

/** Carries a refusal out of the transaction, so that it rolls back. */
class Refused extends Error {
  constructor(readonly result: Result<never>) {
    super("refused");
  }
}

const done = ok(null);

/** Deactivation, as Slack and Zulip do it: no sign-in, every session and stream ends now. */
export function deactivateUser(actor: Actor, input: unknown) {
  return moderate(actor, input, "deactivate", async (target) => {
    if (target.deactivatedAt !== null)
      return fail("conflict", `${target.name} is already deactivated.`);
    const refusal = await lastAdminRefusal(target, "be deactivated");
    if (refusal) return fail("conflict", refusal);
    await update("users", target.id, { deactivatedAt: Date.now() });
    await endAllSessions(target.id);
    return done;
  });
}

export function reactivateUser(actor: Actor, input: unknown) {
  return moderate(actor, input, "reactivate", async (target) => {
    if (target.deactivatedAt === null) return fail("conflict", `${target.name} is already active.`);
    await update("users", target.id, { deactivatedAt: null });
    return done;
  });
}

/** The same removal as the user's own deletion (lib/accounts/accounts.ts `removeAccount`). */
export function deleteUser(actor: Actor, input: unknown) {
  return moderate(actor, input, "delete", (target) => removeAccount(target.id, target));
}

export function setRole(actor: Actor, input: unknown, role: Role) {
  const action = role === "admin" ? "grant_admin" : "revoke_admin";
  return moderate(actor, input, action, async (target) => {
    if (target.role === role) {
      return fail(
        "conflict",
        `${target.name} is already ${role === "admin" ? "an admin" : "a member"}.`,
      );
    }
    if (role === "member") {
      const refusal = await lastAdminRefusal(target, "stop being admin");
      if (refusal) return fail("conflict", refusal);
    }
    await update("users", target.id, { role });
    return done;
  });
}
