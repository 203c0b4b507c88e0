import type { Metadata } from "next";
import { NotificationList } from "@/components/NotificationList";
import { PageHeading } from "@/components/PageHeading";
import { requireUser } from "@/lib/accounts/current-user";
import { markAllNotificationsReadAction } from "@/lib/actions/chat";
import { notificationsPage, unreadCounts } from "@/lib/unread/notifications";
import { loadMoreNotificationsAction } from "./actions";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const user = await requireUser();
  const [page, counts] = await Promise.all([notificationsPage(user.id), unreadCounts(user.id)]);
  return (
    <>
      <PageHeading
        title="Notifications"
        // Unread ones may all be past the first page: the count decides, not the page.
        markAllRead={counts.notifications > 0 ? markAllNotificationsReadAction : undefined}
      />
      <NotificationList
        firstPage={page}
        unreadCount={counts.notifications}
        loadMore={loadMoreNotificationsAction}
      />
    </>
  );
}
