import type { Metadata } from "next";
import { NotificationList } from "@/components/NotificationList";
import { listNotifications } from "@/lib/notifications";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const user = await requireUser();
  return (
    <>
      <h1 className="mb-3 text-xl font-semibold">Notifications</h1>
      <NotificationList notifications={listNotifications(user.id)} />
    </>
  );
}
