import type { Metadata } from "next";
import { DesktopNotificationsToggle } from "@/components/DesktopNotificationsToggle";
import { requireUser } from "@/lib/accounts/current-user";

export const metadata: Metadata = { title: "Desktop notifications" };

export default async function NotificationSettingsPage() {
  await requireUser();
  return (
    <section className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h1 className="mb-2 text-xl font-semibold">Desktop notifications</h1>
      <p className="mb-3 text-slate-700">
        While Cairo Chat is open in a background tab, new messages and replies can show as
        notifications on this device. Your browser asks for permission when you turn them on.
      </p>
      <DesktopNotificationsToggle />
    </section>
  );
}
