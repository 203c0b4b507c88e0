import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/ChangePasswordForm";
import { SessionsList } from "@/components/SessionsList";
import { SubmitButton } from "@/components/SubmitButton";
import { requireUser } from "@/lib/accounts/current-user";
import { listSessions } from "@/lib/accounts/sessions";
import { hasOwnPassword } from "@/lib/accounts/sso";
import { passwordSignInEnabled } from "@/lib/accounts/sso-config";
import { changePasswordAction, endSessionAction, signOutEverywhereAction } from "./actions";

export const metadata: Metadata = { title: "Password and sessions" };

export default async function PasswordSettingsPage() {
  const user = await requireUser();
  const [sessions, ownPassword] = await Promise.all([
    listSessions(user.id, user.sessionId),
    hasOwnPassword(user.id),
  ]);
  // SSO-only deployments, and accounts made by single sign-on, have no password to change.
  const passwords = passwordSignInEnabled() && ownPassword;
  return (
    <div className="flex flex-col gap-4">
      {passwords ? (
        <section className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <h1 className="mb-2 text-xl font-semibold">Change password</h1>
          <p className="mb-3 text-slate-700">
            Every other device signed in to your account is signed out when the password changes.
          </p>
          <ChangePasswordForm action={changePasswordAction} />
        </section>
      ) : (
        <h1 className="text-xl font-semibold">Sessions</h1>
      )}
      <section
        aria-labelledby="sessions-heading"
        className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
      >
        <h2 id="sessions-heading" className="mb-2 text-lg font-semibold">
          Sessions
        </h2>
        <p className="mb-3 text-slate-700">
          Where your account is signed in. Do not recognise one? Sign it out, then change your
          password. A session unused for a month ends on its own.
        </p>
        <SessionsList sessions={sessions} endSession={endSessionAction} />
        <p className="mb-3 text-slate-700">
          Lost a device, or signed in somewhere you should not have? Sign out of every session, this
          one included.
        </p>
        <form action={signOutEverywhereAction} data-sign-out>
          <SubmitButton pendingLabel="Signing out…">Sign out everywhere</SubmitButton>
        </form>
      </section>
    </div>
  );
}
