import type { Metadata } from "next";
import { NotificationList } from "@/components/NotificationList";
import { PageHeading } from "@/components/PageHeading";
import { listNotifications } from "@/lib/notifications";
import { requireUser } from "@/lib/session";
import { markAllNotificationsReadAction } from "../actions";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const user = await requireUser();
  const notifications = await listNotifications(user.id);
  return (
    <>
      <PageHeading
        title="Notifications"
        markAllRead={
          notifications.some((n) => !n.read) ? markAllNotificationsReadAction : undefined
        }
      />
      <NotificationList notifications={notifications} />
    </>
  );
}
