"use client";

import { useEffect } from "react";
import { postRead } from "./chat-api";
import { useRefreshChat } from "./useRefreshChat";

/** How long seen messages gather before one request marks them (the benchmark mirrors it). */
export const BATCH_DELAY_MS = 400;

// Messages the reader marked unread on purpose stay unread while they are on screen.
const keptUnread = new Set<number>();
export function keepUnread(messageId: number) {
  keptUnread.add(messageId);
}

/**
 * Marks the listed messages read once their end has actually been on screen (so a message
 * taller than the screen is read when the reader has scrolled to its bottom, not when its
 * top appears), batching them into one request: never as a side effect of loading
 * the page. Each message marks its end with an element `message-<id>-end` (MessageItem).
 */
export function MarkSeen({ messageIds }: { messageIds: number[] }) {
  const key = messageIds.join(",");
  const refreshChat = useRefreshChat();
  useEffect(() => {
    const ids = key
      ? key
          .split(",")
          .map(Number)
          .filter((id) => !keptUnread.has(id))
      : [];
    if (ids.length === 0) return;
    const seen = new Set<number>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      const batch = [...seen];
      seen.clear();
      // A failure leaves them unread, to be marked when next seen.
      if (batch.length > 0) void postRead(batch).then(refreshChat, () => {});
    };
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          seen.add(Number((entry.target as HTMLElement).dataset.messageId));
          observer.unobserve(entry.target);
        }
        clearTimeout(timer);
        timer = setTimeout(flush, BATCH_DELAY_MS);
      },
      { threshold: 0 },
    );
    for (const id of ids) {
      const element = document.getElementById(`message-${id}-end`);
      if (element) {
        element.dataset.messageId = String(id);
        observer.observe(element);
      }
    }
    return () => {
      observer.disconnect();
      clearTimeout(timer);
      flush();
    };
  }, [key, refreshChat]);
  return null;
}
