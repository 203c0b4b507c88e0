"use server";

import { signIn } from "@/auth";
import { registerUser } from "@/lib/accounts/accounts";
import { passwordSignInEnabled } from "@/lib/accounts/sso-config";
import { type FormState, toFormState } from "@/lib/platform/form-state";
import { formObject } from "@/lib/platform/validation";

export async function registerAction(_previous: FormState, form: FormData): Promise<FormState> {
  if (!passwordSignInEnabled()) {
    return { ok: false, error: "This server creates accounts only through single sign-on." };
  }
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
