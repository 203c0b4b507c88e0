"use client";

import { useEffect } from "react";
import type { LiveEventData } from "@/lib/live/types";
import { desktopNotificationsWanted } from "@/lib/unread/desktop-notifications";
import { LIVE_EVENT } from "./live-connection";

/**
 * While the tab is hidden, a new message or reply from a colleague becomes a desktop
 * notification (when turned on in settings and allowed by the browser). The event carries
 * the message and our unread count for its conversation: one's own messages (sent from
 * another tab, or notes to self) leave that count alone and never notify.
 */
export function DesktopNotifications() {
  useEffect(() => {
    const onEvent = (event: Event) => {
      const data = (event as CustomEvent<LiveEventData>).detail;
      if (data?.type !== "message.created" || data.countsUnchanged) return;
      const from = data.messages?.find((m) => m.senderId === data.conversationWith);
      if (!from || !data.conversationUnread) return;
      if (!document.hidden || !desktopNotificationsWanted()) return;
      if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
      const what = from.parentId === null ? "New message from" : "New reply from";
      const notification = new Notification(`${what} ${from.senderName}`, {
        tag: `conversation-${from.senderId}`,
        icon: "/icon.svg",
      });
      notification.onclick = () => {
        window.focus();
        window.location.assign(`/messages/${from.senderId}`);
      };
    };
    window.addEventListener(LIVE_EVENT, onEvent);
    return () => window.removeEventListener(LIVE_EVENT, onEvent);
  }, []);
  return null;
}
