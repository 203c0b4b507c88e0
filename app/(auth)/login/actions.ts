"use server";

import { redirect, unstable_rethrow as rethrowNextControlFlow } from "next/navigation";
import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/auth";
import { SSO_PROVIDER_ID, ssoConfig } from "@/lib/accounts/sso-config";
import type { FormState } from "@/lib/platform/form-state";
import { safeRedirectPath } from "@/lib/platform/http/redirects";
import { formObject } from "@/lib/platform/validation";

const SIGN_IN_ERRORS: Record<string, string> = {
  invalid: "Wrong email or password.",
  rate_limited: "Too many failed attempts. Wait 15 minutes, then try again.",
  deactivated: "This account has been deactivated. Ask an administrator to reactivate it.",
  password_off: "This server signs in only through single sign-on.",
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

/**
 * Single sign-on: Auth.js stores the PKCE verifier, state and nonce in cookies and sends the
 * browser to the provider. A provider that is down or misconfigured (discovery fails) is
 * told on the sign-in page, never a 500.
 */
export async function ssoSignInAction(form: FormData): Promise<void> {
  if (!ssoConfig()) redirect("/login");
  const redirectTo = safeRedirectPath(formObject(form).callbackUrl);
  let provider: string | undefined;
  try {
    const url: unknown = await signIn(SSO_PROVIDER_ID, { redirectTo, redirect: false });
    // Auth.js answers a failure with an address of ours carrying `error`; success is the
    // provider's authorization endpoint.
    if (typeof url === "string") {
      const target = new URL(url, "http://cairo.invalid");
      if (target.origin !== "http://cairo.invalid" && !target.searchParams.has("error")) {
        provider = url;
      }
    }
  } catch (error) {
    rethrowNextControlFlow(error);
    console.error("single sign-on could not start", error);
  }
  redirect(provider ?? "/login?error=SsoUnavailable");
}
