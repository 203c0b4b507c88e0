"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { signOut } from "@/auth";
import { deleteAccount } from "@/lib/accounts/accounts";
import { currentUser } from "@/lib/accounts/current-user";
import { type FormState, signedOut, toFormState } from "@/lib/platform/form-state";
import { clientAddress } from "@/lib/platform/http/client-address";
import { formObject } from "@/lib/platform/validation";

const confirmationSchema = z.object({
  confirmEmail: z.string().trim().toLowerCase().max(320).optional().catch(""),
});

export async function deleteAccountAction(
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  const user = await currentUser();
  if (!user) return signedOut;
  const fields = formObject(form);
  // The dialog's typed email is checked again here: the form can be posted without its
  // button (which stays disabled until the email matches). Callers without the dialog
  // (scripts, the API tests) send the password alone.
  const { confirmEmail } = confirmationSchema.parse(fields);
  if (confirmEmail !== undefined && confirmEmail !== user.email.toLowerCase()) {
    return {
      ok: false,
      error: "Type your account's email in the dialog to confirm. Nothing was deleted.",
    };
  }
  const result = await deleteAccount(user.id, fields, clientAddress(await headers()));
  if (!result.ok) return toFormState(result);
  await signOut({ redirectTo: "/login?deleted=1" });
  return { ok: true };
}
