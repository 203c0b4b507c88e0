"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { openNotificationAction } from "@/lib/actions/chat";
import type {
  LoadMoreResult,
  NotificationItem,
  NotificationsPage,
} from "@/lib/unread/notifications";
import { FormError } from "./FormError";
import { Timestamp } from "./Timestamp";

interface NotificationListProps {
  /** Rendered by the server (and re-rendered when the live stream says something changed). */
  firstPage: NotificationsPage;
  /** When nothing is unread any more, older pages loaded earlier show as read too. */
  unreadCount: number;
  loadMore: (before: number) => Promise<LoadMoreResult>;
}

/** The notifications, newest first, a page at a time ("Load more" fetches the next one). */
export function NotificationList({ firstPage, unreadCount, loadMore }: NotificationListProps) {
  const [older, setOlder] = useState<NotificationsPage[]>([]);
  const [error, setError] = useState<string>();
  const [loading, startLoading] = useTransition();
  const shownIds = new Set(firstPage.notifications.map((n) => n.id));
  const notifications = [
    ...firstPage.notifications,
    ...older.flatMap((page) => page.notifications).filter((n) => !shownIds.has(n.id)),
  ].map((n) => (unreadCount === 0 && !n.read ? { ...n, read: true } : n));
  const nextCursor = older.length > 0 ? (older.at(-1)?.nextCursor ?? null) : firstPage.nextCursor;

  function loadNext() {
    if (nextCursor === null) return;
    startLoading(async () => {
      const result = await loadMore(nextCursor);
      if (result.ok) {
        setError(undefined);
        setOlder((pages) => [...pages, result.page]);
      } else {
        setError(result.error);
      }
    });
  }

  if (notifications.length === 0) {
    return (
      <p className="rounded-xl bg-white p-8 text-center text-slate-600 shadow-sm ring-1 ring-slate-200">
        No notifications yet.
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <ul className="divide-y divide-slate-100 overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
        {notifications.map((n) => (
          <NotificationRow key={n.id} notification={n} />
        ))}
      </ul>
      <FormError message={error} />
      {nextCursor !== null && (
        <button
          type="button"
          onClick={loadNext}
          disabled={loading}
          aria-busy={loading}
          className="mx-auto rounded-full px-3 py-1 text-sm font-medium text-brand-700 ring-1 ring-brand-200 hover:bg-brand-50 disabled:opacity-60"
        >
          Load more
        </button>
      )}
    </div>
  );
}

const WHAT: Record<NotificationItem["kind"], string> = {
  message: "sent you a message",
  reply: "replied to you",
  mention: "mentioned you",
};

/** Where a notification opens: a reply in its thread, else the message in its conversation. */
function notificationHref(n: NotificationItem): string {
  if (n.isReply) return `/thread/${n.messageId}`;
  const conversation = n.roomId !== null ? `/rooms/${n.roomId}` : `/messages/${n.senderId}`;
  return `${conversation}#message-${n.messageId}`;
}

function NotificationRow({ notification: n }: { notification: NotificationItem }) {
  return (
    <li className={`relative px-4 py-3 ${n.read ? "" : "bg-brand-50"}`}>
      <div className="flex items-baseline justify-between gap-2">
        <Link
          href={notificationHref(n)}
          onClick={() => {
            if (!n.read) void openNotificationAction(n.id);
          }}
          className={`after:absolute after:inset-0 hover:underline ${n.read ? "" : "font-semibold"}`}
        >
          {!n.read && (
            <span
              aria-hidden="true"
              className="mr-2 inline-block h-2 w-2 rounded-full bg-brand-600"
            />
          )}
          <bdi>{n.senderName}</bdi> {WHAT[n.kind]}
          {n.roomName !== null && (
            <>
              {" "}
              in #<bdi>{n.roomName}</bdi>
            </>
          )}
          {!n.read && <span className="sr-only"> (unread)</span>}
        </Link>
        <Timestamp ms={n.createdAt} />
      </div>
      <p className="truncate text-sm text-slate-600">
        <bdi>{n.snippet}</bdi>
      </p>
    </li>
  );
}
