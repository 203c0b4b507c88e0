"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { desktopNotificationsWanted } from "@/lib/desktop-notifications";
import type { LiveEventData } from "@/lib/live/types";
import type { RecentConversation } from "@/lib/recent-conversations";
import { directoryKeys, fetchRecentConversations } from "./directory-api";
import { LIVE_EVENT } from "./live-connection";

/**
 * While the tab is hidden, a new message or reply from a colleague becomes a desktop
 * notification (when turned on in settings and allowed by the browser). Events carry ids,
 * not content: who wrote is read from the recent conversations, whose unread count for that
 * colleague went up (so one's own messages, sent from another tab, never notify).
 */
export function DesktopNotifications() {
  const queryClient = useQueryClient();
  useEffect(() => {
    const onEvent = async (event: Event) => {
      const data = (event as CustomEvent<LiveEventData>).detail;
      if (data?.type !== "message.created" || data.conversationWith === undefined) return;
      if (!document.hidden || !desktopNotificationsWanted()) return;
      if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
      const before = queryClient.getQueryData<RecentConversation[]>(directoryKeys.recent);
      const was = before?.find((c) => c.id === data.conversationWith)?.unread ?? 0;
      const now = await queryClient.fetchQuery({
        queryKey: directoryKeys.recent,
        queryFn: fetchRecentConversations,
        staleTime: 0,
      });
      const from = now.find((c) => c.id === data.conversationWith);
      if (!from || from.unread <= was) return;
      // A top-level message heads its own thread; a reply's thread root is another message.
      const isReply = (data.threadRootIds ?? []).some((id) => !data.messageIds.includes(id));
      const what = isReply ? "New reply from" : "New message from";
      const notification = new Notification(`${what} ${from.name}`, {
        tag: `conversation-${from.id}`,
        icon: "/icon.svg",
      });
      notification.onclick = () => {
        window.focus();
        window.location.assign(`/messages/${from.id}`);
      };
    };
    window.addEventListener(LIVE_EVENT, onEvent);
    return () => window.removeEventListener(LIVE_EVENT, onEvent);
  }, [queryClient]);
  return null;
}
