"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/auth";
import type { FormState } from "@/lib/platform/form-state";
import { safeRedirectPath } from "@/lib/platform/http/redirects";
import { formObject } from "@/lib/platform/validation";

const SIGN_IN_ERRORS: Record<string, string> = {
  invalid: "Wrong email or password.",
  rate_limited: "Too many failed attempts. Wait 15 minutes, then try again.",
  deactivated: "This account has been deactivated. Ask an administrator to reactivate it.",
};

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
    const code = error instanceof CredentialsSignin ? error.code : undefined;
    return {
      ok: false,
      error: SIGN_IN_ERRORS[code ?? ""] ?? SIGN_IN_ERRORS.invalid,
      values: { email },
    };
  }
}
