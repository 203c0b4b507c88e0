"use client";

import { useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { applyLiveEvent } from "@/lib/live/apply";
import { reconnectDelay } from "@/lib/live/reconnect-delay";
import type { LiveEventData } from "@/lib/live/types";
import { LIVE_EVENT, setLiveConnected } from "./live-connection";

const POLL_MS = 10_000;
const REFRESH_DEBOUNCE_MS = 250;
// Server-rendered lists without a react-query cache: a live event re-renders them.
const SERVER_RENDERED = ["/messages", "/inbox", "/notifications"];

/**
 * Listens to /api/events and applies what an event carries to the cached views (the
 * conversation, its thread, the unread counts), refetching what it cannot apply. Every
 * event is also dispatched on window as "cairo:live-event" for any component to hear (the
 * sidebar, notifications). EventSource reconnects by itself, resuming with Last-Event-ID;
 * if the stream is refused (live updates paused, a proxy's 502 while the server restarts),
 * it polls, and tries the stream again after a jittered, growing delay. When the session ends elsewhere, the stream says so and the page goes to /login.
 */
export function LiveUpdates({ since, viewerId }: { since: string | null; viewerId: number }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const pathRef = useRef(pathname);
  pathRef.current = pathname;
  // The stream first resumes from the newest event at render time: nothing that happened
  // between the server reading the page's data and the stream opening is missed.
  const sinceRef = useRef(since);

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

    let source: EventSource | undefined;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    let reopenAttempt = 0;
    const open = () => {
      source?.close();
      const resumeFrom = sinceRef.current;
      const stream = new EventSource(
        resumeFrom ? `/api/events?lastEventId=${encodeURIComponent(resumeFrom)}` : "/api/events",
      );
      source = stream;
      stream.onmessage = (message) => {
        const data = JSON.parse(message.data) as LiveEventData;
        applyLiveEvent(queryClient, data, viewerId);
        window.dispatchEvent(new CustomEvent(LIVE_EVENT, { detail: data }));
        // A reaction changes no list the server renders.
        if (data.type !== "reaction.changed") refreshServerLists();
      };
      stream.addEventListener("resync", resyncEverything);
      stream.addEventListener("signed-out", (message) => {
        stream.close();
        const { reason } = JSON.parse(message.data || "{}") as { reason?: string };
        // This tab signed out itself: the sign-out's own redirect leads on (with single
        // sign-on, to the identity provider's sign-out, which going to /login would cut off).
        if (reason === "signed-out" && signingOut) return;
        window.location.assign(
          reason === "account-deleted"
            ? "/login?deleted=1"
            : reason === "account-deactivated"
              ? "/login?deactivated=1"
              : "/login",
        );
      });
      stream.onopen = () => {
        setLiveConnected(true);
        reopenAttempt = 0;
        if (pollTimer === undefined) return;
        // Back from polling: whatever happened meanwhile is fetched once.
        clearInterval(pollTimer);
        pollTimer = undefined;
        resyncEverything();
      };
      stream.onerror = () => {
        setLiveConnected(false);
        // CLOSED means the browser gave up (signed out, or the server refused): poll instead.
        if (stream.readyState !== EventSource.CLOSED) return;
        pollTimer ??= setInterval(resyncEverything, POLL_MS);
        clearTimeout(reopenTimer);
        reopenTimer = setTimeout(open, reconnectDelay(reopenAttempt++));
      };
    };
    let signingOut = false;
    const noteSignOut = (event: SubmitEvent) => {
      if (event.target instanceof Element && event.target.closest("form[data-sign-out]")) {
        signingOut = true;
      }
    };
    document.addEventListener("submit", noteSignOut, true);
    open();
    return () => {
      document.removeEventListener("submit", noteSignOut, true);
      setLiveConnected(false);
      source?.close();
      clearTimeout(refreshTimer);
      clearTimeout(reopenTimer);
      clearInterval(pollTimer);
    };
  }, [queryClient, router, viewerId]);

  return null;
}
