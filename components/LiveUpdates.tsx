"use client";

import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import type { LiveEventData } from "@/lib/live/types";
import { chatKeys } from "./chat-api";

const POLL_MS = 10_000;
const REFRESH_DEBOUNCE_MS = 250;
// Server-rendered lists without a react-query cache: a live event re-renders them.
const SERVER_RENDERED = ["/messages", "/inbox", "/notifications"];

/**
 * Listens to /api/events and refreshes what an event touches: the conversation, its thread,
 * the unread counts. EventSource reconnects by itself, resuming with Last-Event-ID; if the
 * stream cannot be opened at all, it falls back to polling.
 */
export function LiveUpdates() {
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const pathRef = useRef(pathname);
  pathRef.current = pathname;

  useEffect(() => {
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    let pollTimer: ReturnType<typeof setInterval> | undefined;
    const refreshServerLists = () => {
      if (!SERVER_RENDERED.includes(pathRef.current)) return;
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => router.refresh(), REFRESH_DEBOUNCE_MS);
    };
    const resyncEverything = () => {
      void queryClient.invalidateQueries();
      refreshServerLists();
    };

    const source = new EventSource("/api/events");
    source.onmessage = (message) => {
      applyLiveEvent(queryClient, JSON.parse(message.data) as LiveEventData);
      refreshServerLists();
    };
    source.addEventListener("resync", resyncEverything);
    source.onopen = () => {
      clearInterval(pollTimer);
      pollTimer = undefined;
    };
    source.onerror = () => {
      // CLOSED means the browser gave up (signed out, or the server refused): poll instead.
      if (source.readyState === EventSource.CLOSED && !pollTimer) {
        pollTimer = setInterval(resyncEverything, POLL_MS);
      }
    };
    return () => {
      source.close();
      clearTimeout(refreshTimer);
      clearInterval(pollTimer);
    };
  }, [queryClient, router]);

  return null;
}

function applyLiveEvent(queryClient: QueryClient, event: LiveEventData) {
  void queryClient.invalidateQueries({ queryKey: chatKeys.counts });
  if (event.conversationWith !== undefined) {
    void queryClient.invalidateQueries({ queryKey: chatKeys.conversation(event.conversationWith) });
  }
  for (const rootId of event.threadRootIds ?? []) {
    void queryClient.invalidateQueries({ queryKey: chatKeys.thread(rootId) });
  }
}
