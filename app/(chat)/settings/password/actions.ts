"use server";

import { signOut } from "@/auth";
import { changePassword } from "@/lib/accounts/accounts";
import { currentUser } from "@/lib/accounts/current-user";
import { endAllSessions } from "@/lib/accounts/sessions";
import { type FormState, signedOut, toFormState } from "@/lib/platform/form-state";
import { formObject } from "@/lib/platform/validation";

export async function changePasswordAction(
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  const user = await currentUser();
  if (!user) return signedOut;
  const result = await changePassword(user, formObject(form));
  if (!result.ok) return toFormState(result);
  const others = result.data.endedSessions;
  return {
    ok: true,
    submittedAt: Date.now(),
    message: `Password changed. ${others === 1 ? "1 other session was" : `${others} other sessions were`} signed out.`,
  };
}

/** Ends every session of the account, this one included. */
export async function signOutEverywhereAction(): Promise<void> {
  const user = await currentUser();
  if (user) await endAllSessions(user.id);
  await signOut({ redirectTo: "/login" });
}
