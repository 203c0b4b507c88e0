"use client";

import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { type RefObject, useEffect, useRef } from "react";
import { chatKeys } from "@/lib/live/query-keys";
import { setInPlace } from "@/lib/live/set-in-place";
import type { SidebarRoom } from "@/lib/rooms/room-messages";
import type { UnreadCounts } from "@/lib/unread/notifications";
import { postRoomRead } from "./chat-api";
import { BATCH_DELAY_MS } from "./MarkSeen";

/**
 * After a first mark, how often at most an open room's read position follows what arrives.
 * This tab's badges clear at once regardless; the server's position (other tabs, the next
 * visit) lags by up to this much, and leaving the room or hiding the tab sends it at once.
 * One mark per message per member with the room open was most of the server's load.
 */
export const ROOM_READ_EVERY_MS = 10_000;

/**
 * An open room is read up to its newest message: the badges clear at once, and the read
 * position follows in one request per batch: 400 ms after the first change, then at most
 * once every ROOM_READ_EVERY_MS. Leaving the room, or the tab going hidden, sends a mark
 * still waiting.
 */
export function useMarkRoomRead(roomId: number, newestId: number, member: boolean): void {
  const queryClient = useQueryClient();
  const pending = useRef<PendingMark>(null);
  const lastSentAt = useRef(0);

  useEffect(() => {
    if (pending.current && pending.current.roomId !== roomId) sendNow(pending);
    if (!member || newestId <= 0) return;
    clearRoomBadge(queryClient, roomId);
    if (pending.current) return;
    const send = () => {
      pending.current = null;
      lastSentAt.current = Date.now();
      // The answer's counts are the server's: the badges need no request of their own.
      // A failure leaves the room unread, to be marked on its next message or visit.
      void postRoomRead(roomId).then(
        (counts) => {
          setInPlace(queryClient, chatKeys.counts, counts);
          clearRoomBadge(queryClient, roomId);
        },
        () => {},
      );
    };
    const delay = Math.max(BATCH_DELAY_MS, lastSentAt.current + ROOM_READ_EVERY_MS - Date.now());
    pending.current = { roomId, timer: setTimeout(send, delay), send };
  }, [roomId, newestId, member, queryClient]);

  useEffect(() => {
    const onHidden = () => {
      if (document.visibilityState === "hidden") sendNow(pending);
    };
    document.addEventListener("visibilitychange", onHidden);
    return () => {
      document.removeEventListener("visibilitychange", onHidden);
      sendNow(pending);
    };
  }, []);
}

interface PendingMark {
  roomId: number;
  timer: ReturnType<typeof setTimeout>;
  send: () => void;
}

/** A mark still waiting, sent at once (leaving the room, hiding the tab). */
function sendNow(pending: RefObject<PendingMark | null>): void {
  if (!pending.current) return;
  clearTimeout(pending.current.timer);
  pending.current.send();
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
