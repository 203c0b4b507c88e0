import type { Metadata } from "next";
import { ProfileForm } from "@/components/ProfileForm";
import { requireUser } from "@/lib/accounts/current-user";
import { saveProfileAction } from "./actions";

export const metadata: Metadata = { title: "Profile" };

export default async function ProfileSettingsPage() {
  const user = await requireUser();
  return (
    <section className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h1 className="mb-2 text-xl font-semibold">Profile</h1>
      <p className="mb-3 text-slate-700">
        Your name is what colleagues see beside your messages and in their conversation lists. You
        sign in with {user.email}.
      </p>
      <ProfileForm action={saveProfileAction} name={user.name} />
    </section>
  );
}
