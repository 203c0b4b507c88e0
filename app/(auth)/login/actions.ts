"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/auth";
import type { FormState } from "@/lib/form-state";
import { safeRedirectPath } from "@/lib/redirects";

export async function loginAction(_previous: FormState, form: FormData): Promise<FormState> {
  const email = String(form.get("email") ?? "");
  try {
    await signIn("credentials", {
      email,
      password: String(form.get("password") ?? ""),
      redirectTo: safeRedirectPath(form.get("callbackUrl")),
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
