"use client";

import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect, useSyncExternalStore } from "react";
import { chatKeys } from "@/lib/live/query-keys";
import { setInPlace } from "@/lib/live/set-in-place";
import type { SidebarRoom } from "@/lib/rooms/room-messages";
import { ROOM_WATCH_RENEW_MS } from "@/lib/rooms/watching";
import type { UnreadCounts } from "@/lib/unread/notifications";
import { postRoomRead } from "./chat-api";
import { BATCH_DELAY_MS } from "./MarkSeen";

/**
 * An open room is read up to its newest message. This tab's badges clear at once for every
 * message that arrives; the server's read position follows by watching
 * (lib/rooms/watching.ts): while the room is open in a visible tab, the tab watches it
 * (started 400 ms after opening, so a room passed through in a hurry costs one request,
 * and renewed every ROOM_WATCH_RENEW_MS), and the server reads each new message for it in
 * the send's transaction. Leaving the room or hiding the tab marks it read and ends the
 * watch, so what arrives while the tab is hidden stays unread.
 */
export function useMarkRoomRead(roomId: number, newestId: number, member: boolean): void {
  const queryClient = useQueryClient();
  const visible = usePageVisible();

  useEffect(() => {
    if (member && newestId > 0) clearRoomBadge(queryClient, roomId);
  }, [roomId, newestId, member, queryClient]);

  useEffect(() => {
    if (!member || !visible) return;
    // A failure leaves the room unread until the next renewal or visit.
    const mark = (watching: boolean) =>
      void postRoomRead(roomId, watching).then(
        (counts) => {
          // The answer's counts are the server's: the badges need no request of their own.
          setInPlace(queryClient, chatKeys.counts, counts);
          clearRoomBadge(queryClient, roomId);
        },
        () => {},
      );
    const start = setTimeout(() => mark(true), BATCH_DELAY_MS);
    const renew = setInterval(() => mark(true), ROOM_WATCH_RENEW_MS);
    return () => {
      clearTimeout(start);
      clearInterval(renew);
      mark(false);
    };
  }, [roomId, member, visible, queryClient]);
}

function subscribeVisibility(onChange: () => void) {
  document.addEventListener("visibilitychange", onChange);
  return () => document.removeEventListener("visibilitychange", onChange);
}

/** Whether the page is visible (true while rendering on the server). */
function usePageVisible(): boolean {
  return useSyncExternalStore(
    subscribeVisibility,
    () => document.visibilityState === "visible",
    () => true,
  );
}

/** The room's count in the sidebar to zero, and the inbox count without it. */
function clearRoomBadge(queryClient: QueryClient, roomId: number): void {
  const unread = queryClient
    .getQueryData<SidebarRoom[]>(chatKeys.rooms)
    ?.find((room) => room.id === roomId)?.unread;
  if (!unread) return;
  setInPlace<SidebarRoom[]>(queryClient, chatKeys.rooms, (rooms) =>
    rooms?.map((room) => (room.id === roomId ? { ...room, unread: 0 } : room)),
  );
  setInPlace<UnreadCounts>(
    queryClient,
    chatKeys.counts,
    (counts) => counts && { ...counts, inbox: Math.max(0, counts.inbox - unread) },
  );
}
