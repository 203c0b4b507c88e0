"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { signOut } from "@/auth";
import { changePassword } from "@/lib/accounts/accounts";
import { currentUser } from "@/lib/accounts/current-user";
import { endAllSessions, endSessionByHandle, isHandleOf } from "@/lib/accounts/sessions";
import { signOutAndLeave } from "@/lib/accounts/sign-out";
import { passwordSignInEnabled } from "@/lib/accounts/sso-config";
import { type FormState, signedOut, toFormState } from "@/lib/platform/form-state";
import { clientAddress } from "@/lib/platform/http/client-address";
import { formObject } from "@/lib/platform/validation";

export async function changePasswordAction(
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  const user = await currentUser();
  if (!user) return signedOut;
  if (!passwordSignInEnabled()) {
    return { ok: false, error: "This server signs in only through single sign-on." };
  }
  const address = clientAddress(await headers());
  const result = await changePassword(user, formObject(form), address);
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
  const ended = user ? await endAllSessions(user.id, { current: user.sessionId }) : null;
  await signOutAndLeave(ended?.idToken ?? null);
}

const handleSchema = z.object({ session: z.string().min(1).max(100) });

/**
 * Signs out one session of the account's, named by its handle (lib/accounts/sessions.ts): another
 * device's, or this one (then off to /login). A handle that names none of theirs changes
 * nothing.
 */
export async function endSessionAction(form: FormData): Promise<void> {
  const user = await currentUser();
  if (!user) return signOut({ redirectTo: "/login" });
  const parsed = handleSchema.safeParse(formObject(form));
  if (!parsed.success) return;
  const { session } = parsed.data;
  if (isHandleOf(session, user.sessionId)) {
    await endSessionByHandle(user.id, session);
    await signOut({ redirectTo: "/login" });
    return;
  }
  await endSessionByHandle(user.id, session);
  revalidatePath("/settings/password");
}
