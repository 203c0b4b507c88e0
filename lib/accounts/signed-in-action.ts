import { refresh } from "next/cache";
import { isDatabaseUnavailable } from "@/db/availability";
import { type FormState, signedOut, toFormState } from "@/lib/platform/form-state";
import { fail, type Result } from "@/lib/platform/result";
import { currentUser } from "./current-user";

/**
 * The shape of every chat write a server action makes: re-check the session, run the lib/
 * function as that user, and on success re-render the writer's page (the cached views the
 * write touched were already expired by the cache receivers after the commit).
 */
export async function asSignedInUser(
  run: (userId: number) => Result<unknown> | Promise<Result<unknown>>,
  form?: unknown,
): Promise<FormState> {
  try {
    const user = await currentUser();
    if (!user) return signedOut;
    const result = await run(user.id);
    if (result.ok) refresh();
    return toFormState(result, form);
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return toFormState(fail("invalid", "The database is restarting. Try again in a moment."), form);
  }
}
