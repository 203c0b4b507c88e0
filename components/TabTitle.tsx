"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { chatKeys } from "@/lib/live/query-keys";
import type { UnreadCounts } from "@/lib/unread/notifications";
import { fetchCounts } from "./chat-api";

const PREFIX = /^\(\d+\+?\) /;

/** "(3) Inbox · Cairo Chat": the tab shows the unread count, kept live like the badges. */
export function TabTitle({ initial }: { initial: UnreadCounts }) {
  const { data } = useQuery({
    queryKey: chatKeys.counts,
    queryFn: fetchCounts,
    initialData: initial,
  });
  const unread = data.inbox;
  useEffect(() => {
    const apply = () => {
      const base = document.title.replace(PREFIX, "");
      const wanted = unread > 0 ? `(${unread > 99 ? "99+" : unread}) ${base}` : base;
      if (document.title !== wanted) document.title = wanted;
    };
    apply();
    // Next sets the page's own title on every navigation: put the count back in front.
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      document.title = document.title.replace(PREFIX, "");
    };
  }, [unread]);
  return null;
}
