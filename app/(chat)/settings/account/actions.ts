"use server";

import { headers } from "next/headers";
import { signOut } from "@/auth";
import { deleteAccount } from "@/lib/accounts/accounts";
import { currentUser } from "@/lib/accounts/current-user";
import { type FormState, signedOut, toFormState } from "@/lib/platform/form-state";
import { clientAddress } from "@/lib/platform/http/client-address";
import { formObject } from "@/lib/platform/validation";

export async function deleteAccountAction(
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  const user = await currentUser();
  if (!user) return signedOut;
  const result = await deleteAccount(user.id, formObject(form), clientAddress(await headers()));
  if (!result.ok) return toFormState(result);
  await signOut({ redirectTo: "/login?deleted=1" });
  return { ok: true };
}
