import type { Metadata } from "next";
import { DesktopNotificationsToggle } from "@/components/DesktopNotificationsToggle";
import { ReadReceiptsForm } from "@/components/ReadReceiptsForm";
import { findRow } from "@/db/events";
import { requireUser } from "@/lib/accounts/current-user";
import { saveReadReceiptsAction } from "./actions";

export const metadata: Metadata = { title: "Desktop notifications" };

export default async function NotificationSettingsPage() {
  const user = await requireUser();
  const account = await findRow("users", user.id);
  return (
    <div className="flex flex-col gap-4">
      <section className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
        <h1 className="mb-2 text-xl font-semibold">Desktop notifications</h1>
        <p className="mb-3 text-slate-700">
          While Cairo Chat is open in a background tab, new messages and replies can show as
          notifications on this device. Your browser asks for permission when you turn them on.
        </p>
        <DesktopNotificationsToggle />
      </section>
      <section
        aria-labelledby="read-receipts-heading"
        className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200"
      >
        <h2 id="read-receipts-heading" className="mb-2 text-lg font-semibold">
          Read receipts
        </h2>
        <ReadReceiptsForm action={saveReadReceiptsAction} enabled={account?.readReceipts ?? true} />
      </section>
    </div>
  );
}
