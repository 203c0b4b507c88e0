"use server";

import { signIn } from "@/auth";
import { registerUser } from "@/lib/accounts/accounts";
import { type FormState, toFormState } from "@/lib/platform/form-state";
import { formObject } from "@/lib/platform/validation";

export async function registerAction(_previous: FormState, form: FormData): Promise<FormState> {
  const fields = formObject(form);
  const result = await registerUser(fields);
  if (!result.ok) return toFormState(result, form);
  await signIn("credentials", {
    email: result.data.email,
    password: String(fields.password),
    redirectTo: "/messages",
  });
  return { ok: true };
}
