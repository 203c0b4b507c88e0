import type { Metadata } from "next";
import { NotificationList } from "@/components/NotificationList";
import { listNotifications } from "@/lib/notifications";
import { requireUser } from "@/lib/session";
import { markAllNotificationsReadAction } from "../actions";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const user = await requireUser();
  const notifications = listNotifications(user.id);
  return (
    <>
      <div className="mb-3 flex items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">Notifications</h1>
        {notifications.some((n) => !n.read) && (
          <form action={markAllNotificationsReadAction}>
            <button
              type="submit"
              className="rounded-lg px-3 py-1.5 text-sm font-medium text-brand-700 ring-1 ring-brand-200 hover:bg-brand-50"
            >
              Mark all as read
            </button>
          </form>
        )}
      </div>
      <NotificationList notifications={notifications} />
    </>
  );
}
