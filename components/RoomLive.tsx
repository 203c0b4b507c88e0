"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { markRoomReadAction } from "@/lib/actions/rooms";
import { chatKeys } from "@/lib/live/query-keys";
import type { SidebarRoom } from "@/lib/rooms/room-messages";

/**
 * Keeps an open room fresh and read. A room event (lib/live/apply.ts) refetches the view held
 * under the room's key: here that re-renders the page from the server (through the room's
 * authorization and its cache, which the write already expired). Each render marks the
 * room read up to what it shows, so the sidebar's count clears.
 */
export function RoomLive({
  roomId,
  newestId,
  member,
}: {
  roomId: number;
  newestId: number;
  member: boolean;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const first = useRef(true);
  useQuery({
    queryKey: chatKeys.room(roomId),
    queryFn: async () => {
      if (first.current) first.current = false;
      else router.refresh();
      return Date.now();
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
  useEffect(() => {
    if (!member || newestId === 0) return;
    void markRoomReadAction(roomId).then((counts) => {
      if (!counts) return;
      // The action answers the counts: the badges need no request of their own.
      queryClient.setQueryData(chatKeys.counts, counts);
      queryClient.setQueryData<SidebarRoom[]>(chatKeys.rooms, (rooms) =>
        rooms?.map((room) => (room.id === roomId ? { ...room, unread: 0 } : room)),
      );
    });
  }, [roomId, newestId, member, queryClient]);
  return null;
}
