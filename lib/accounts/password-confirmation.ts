import "server-only";
import { insert } from "@/db/events";
import type { User } from "@/db/schema";
import { verifyPassword } from "./passwords";
import { recordSignInFailure, recordSignInSuccess, signInGate } from "./sign-in-limits";

export type Confirmation = "confirmed" | "wrong" | "limited";

export const TOO_MANY_GUESSES = "Too many wrong passwords. Wait 15 minutes, then try again.";

/**
 * Checks the password a signed-in user typed to confirm a change (a new password, deleting
 * the account). A stolen cookie must not get around the sign-in limits, so a wrong one counts
 * as a failed sign-in of the account, from the request's address (slowed, then refused, as
 * lib/accounts/sign-in-limits.ts says), and goes to the audit log. Without the request's address
 * the failures count for the user alone.
 */
export async function confirmPassword(
  user: User,
  password: string,
  requestAddress?: string,
): Promise<Confirmation> {
  const address = requestAddress ?? `user:${user.id}`;
  const gate = await signInGate(user.email, address);
  if (gate.limited) return "limited";
  if (gate.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, gate.delayMs));
  if (await verifyPassword(password, user.passwordHash)) {
    await recordSignInSuccess(user.email, address);
    return "confirmed";
  }
  await recordSignInFailure(user.email, address);
  await insert("audit_log", {
    actorId: user.id,
    actorName: user.name,
    actorEmail: user.email,
    action: "password_refused",
    targetId: user.id,
    targetName: user.name,
    targetEmail: user.email,
  });
  return "wrong";
}
