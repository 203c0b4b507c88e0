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
 * An open room is read up to its newest message: the badges clear at once, and the read
 * position follows in one request per batch (a busy room's messages arriving together
 * cost one mark, not one each). Leaving the room sends a mark still waiting.
 */
export function useMarkRoomRead(roomId: number, newestId: number, member: boolean): void {
  const queryClient = useQueryClient();
  const pending = useRef<PendingMark>(null);

  useEffect(() => {
    if (pending.current && pending.current.roomId !== roomId) sendNow(pending);
    if (!member || newestId <= 0) return;
    clearRoomBadge(queryClient, roomId);
    if (pending.current) return;
    const send = () => {
      pending.current = null;
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
    pending.current = { roomId, timer: setTimeout(send, BATCH_DELAY_MS), send };
  }, [roomId, newestId, member, queryClient]);

  useEffect(() => () => sendNow(pending), []);
}

interface PendingMark {
  roomId: number;
  timer: ReturnType<typeof setTimeout>;
  send: () => void;
}

/** A mark still waiting, sent at once (leaving the room). */
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
