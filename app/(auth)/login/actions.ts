"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/auth";
import type { FormState } from "@/lib/form-state";
import { safeRedirectPath } from "@/lib/redirects";
import { formObject } from "@/lib/validation";

export async function loginAction(_previous: FormState, form: FormData): Promise<FormState> {
  const fields = formObject(form);
  const email = String(fields.email ?? "");
  try {
    await signIn("credentials", {
      email,
      password: String(fields.password ?? ""),
      redirectTo: safeRedirectPath(fields.callbackUrl),
    });
    return { ok: true };
  } catch (error) {
    // A successful sign-in "throws" Next's redirect: let it through.
    if (!(error instanceof AuthError)) throw error;
    const limited = error instanceof CredentialsSignin && error.code === "rate_limited";
    return {
      ok: false,
      error: limited
        ? "Too many failed attempts. Wait 15 minutes, then try again."
        : "Wrong email or password.",
      values: { email },
    };
  }
}
