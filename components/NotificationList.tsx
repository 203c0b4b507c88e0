"use client";

import Link from "next/link";
import { openNotificationAction } from "@/app/(chat)/actions";
import type { NotificationItem } from "@/lib/notifications";
import { Timestamp } from "./Timestamp";

export function NotificationList({ notifications }: { notifications: NotificationItem[] }) {
  if (notifications.length === 0) {
    return (
      <p className="rounded-xl bg-white p-8 text-center text-slate-600 shadow-sm ring-1 ring-slate-200">
        No notifications yet.
      </p>
    );
  }
  return (
    <ul className="divide-y divide-slate-100 overflow-hidden rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      {notifications.map((n) => (
        <li key={n.id} className={`relative px-4 py-3 ${n.read ? "" : "bg-brand-50"}`}>
          <div className="flex items-baseline justify-between gap-2">
            <Link
              href={
                n.isReply
                  ? `/thread/${n.messageId}`
                  : `/messages/${n.senderId}#message-${n.messageId}`
              }
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
              <bdi>{n.senderName}</bdi>{" "}
              {n.kind === "reply" ? "replied to you" : "sent you a message"}
              {!n.read && <span className="sr-only"> (unread)</span>}
            </Link>
            <Timestamp ms={n.createdAt} />
          </div>
          <p className="truncate text-sm text-slate-600">
            <bdi>{n.snippet}</bdi>
          </p>
        </li>
      ))}
    </ul>
  );
}
