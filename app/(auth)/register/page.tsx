import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RegisterForm } from "@/components/RegisterForm";
import { passwordSignInEnabled } from "@/lib/accounts/sso-config";
import { registerAction } from "./actions";

export const metadata: Metadata = { title: "Create account" };

export default function RegisterPage() {
  // SSO-only deployments: accounts come from the identity provider.
  if (!passwordSignInEnabled()) notFound();
  return (
    <>
      <h1 className="mb-4 text-xl font-semibold">Create your account</h1>
      <RegisterForm action={registerAction} />
      <p className="mt-6 text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/login" className="font-medium text-brand-600 hover:underline">
          Sign in
        </Link>
      </p>
    </>
  );
}
