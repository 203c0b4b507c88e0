import type { Metadata } from "next";
import Link from "next/link";
import { LoginForm } from "@/components/LoginForm";
import { SsoSignInForm } from "@/components/SsoSignInForm";
import { passwordSignInEnabled, ssoButtonLabel, ssoConfig } from "@/lib/accounts/sso-config";
import { SSO_ERRORS } from "@/lib/accounts/sso-provider";
import { loginAction, ssoSignInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

/** What Auth.js's error codes (its error route redirects here) mean to the person. */
const SIGN_IN_ERRORS: Record<string, string> = {
  Configuration: "Signing in is not working on this server right now. Try again later.",
  AccessDenied: "That account may not sign in here.",
  Verification: "That sign-in link has expired or was already used. Sign in again.",
  CredentialsSignin: "That email and password do not match.",
  Default: "Signing in did not work. Try again.",
  ...SSO_ERRORS,
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = typeof params.callbackUrl === "string" ? params.callbackUrl : undefined;
  const sso = ssoConfig();
  const passwords = passwordSignInEnabled();
  const error = typeof params.error === "string" ? params.error : undefined;
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      {params.deleted === "1" && (
        <p
          role="status"
          className="mb-4 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
        >
          Your account has been deleted.
        </p>
      )}
      {params.deactivated === "1" && (
        <p role="status" className="mb-4 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Your account has been deactivated. Ask an administrator to reactivate it.
        </p>
      )}
      {error && (
        <p role="alert" className="mb-4 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
          {Object.hasOwn(SIGN_IN_ERRORS, error) ? SIGN_IN_ERRORS[error] : SIGN_IN_ERRORS.Default}
        </p>
      )}
      {sso && (
        <SsoSignInForm
          action={ssoSignInAction}
          label={ssoButtonLabel(sso)}
          callbackUrl={callbackUrl}
        />
      )}
      {sso && passwords && (
        <p className="my-4 text-center text-sm text-slate-500">or with your password</p>
      )}
      {passwords && <LoginForm action={loginAction} callbackUrl={callbackUrl} />}
      {!passwords && !sso && (
        <p className="text-sm text-slate-700">
          No way of signing in is set up on this server. Ask an administrator.
        </p>
      )}
      {passwords && (
        <p className="mt-6 text-center text-sm text-slate-600">
          New here?{" "}
          <Link href="/register" className="font-medium text-brand-600 hover:underline">
            Create an account
          </Link>
        </p>
      )}
    </>
  );
}
