"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect } from "react";
import { conversationStep } from "@/lib/messaging/conversation-steps";
import type { RecentConversation } from "@/lib/messaging/recent-conversations";
import { useRecentConversations } from "./ConversationSidebar";

/**
 * Alt+Up/Down on every signed-in page: to the previous or next recent conversation (as the
 * sidebar lists them); with Shift, to the previous or next one with unread messages.
 */
export function ConversationKeys({ initial }: { initial: RecentConversation[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const { data: conversations } = useRecentConversations(initial);
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
      const match = pathname.match(/^\/messages\/(\d+)$/);
      const target = conversationStep(
        conversations ?? [],
        match ? Number(match[1]) : null,
        event.key === "ArrowUp" ? "up" : "down",
        event.shiftKey,
      );
      event.preventDefault();
      if (target !== null) router.push(`/messages/${target}`);
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [router, pathname, conversations]);
  return null;
}
