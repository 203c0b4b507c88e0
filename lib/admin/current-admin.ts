import { refresh } from "next/cache";
import { isDatabaseUnavailable } from "@/db/availability";
import type { SessionUser } from "@/lib/accounts/accounts";
import { currentUser } from "@/lib/accounts/current-user";
import { type FormState, signedOut, toFormState } from "@/lib/platform/form-state";
import { fail, type Result } from "@/lib/platform/result";
import { formObject } from "@/lib/platform/validation";

/** The signed-in user when they are an admin (re-read from the database per request). */
export async function currentAdmin(): Promise<SessionUser | null> {
  const user = await currentUser();
  return user?.role === "admin" ? user : null;
}

/** What a member gets from an admin action: the same as for a page that does not exist. */
export const notAnAdmin: FormState = { ok: false, error: "This page could not be found." };

/**
 * The shape of every admin server action: re-check the session and the admin role on the
 * server, hand the form's fields to the lib/ function (which validates them with zod and
 * re-checks the role inside its transaction), and re-render the console on success.
 */
export async function asAdmin(
  run: (adminId: number, input: Record<string, unknown>) => Promise<Result<unknown>>,
  form: unknown,
): Promise<FormState> {
  try {
    const user = await currentUser();
    if (!user) return signedOut;
    if (user.role !== "admin") return notAnAdmin;
    const result = await run(user.id, formObject(form));
    if (result.ok) refresh();
    return toFormState(result);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return toFormState(fail("invalid", "The database is restarting. Try again in a moment."));
  }
}
