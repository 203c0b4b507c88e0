"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { markRoomReadAction } from "@/lib/actions/rooms";
import { chatKeys } from "@/lib/live/query-keys";
import type { ConversationMessage } from "@/lib/messaging/conversations";
import type { SidebarRoom } from "@/lib/rooms/room-messages";

/**
 * An open room's messages, kept live and read. Room events apply what they carry to the
 * messages held under the room's key (lib/live/apply-room.ts); one that cannot be applied
 * refetches them, which here renders the page again from the server (through the room's
 * authorization and its cache, which the write already expired). A member's read position
 * follows the newest message shown, so the sidebar's count clears.
 */
export function useLiveRoom(
  roomId: number,
  rendered: ConversationMessage[],
  member: boolean,
): ConversationMessage[] {
  const queryClient = useQueryClient();
  const router = useRouter();
  const key = chatKeys.room(roomId);
  // A server render brings the room as it now is; messages that arrived live after it read
  // the room stay.
  useEffect(() => {
    queryClient.setQueryData<ConversationMessage[]>(chatKeys.room(roomId), (held) =>
      withNewerHeld(rendered, held),
    );
  }, [queryClient, roomId, rendered]);
  const { data: messages = rendered } = useQuery({
    queryKey: key,
    queryFn: () => {
      router.refresh();
      return queryClient.getQueryData<ConversationMessage[]>(key) ?? rendered;
    },
    initialData: rendered,
    staleTime: Number.POSITIVE_INFINITY,
  });

  const newestId = messages.at(-1)?.id ?? 0;
  useEffect(() => {
    if (!member || newestId <= 0) return;
    void markRoomReadAction(roomId).then((counts) => {
      if (!counts) return;
      // The action answers the counts: the badges need no request of their own. A fetch
      // of them already in flight (on opening the room) may have read them before the
      // mark: it is restarted, or its answer would undo this one.
      queryClient.setQueryData(chatKeys.counts, counts);
      queryClient.setQueryData<SidebarRoom[]>(chatKeys.rooms, (rooms) =>
        rooms?.map((room) => (room.id === roomId ? { ...room, unread: 0 } : room)),
      );
      for (const queryKey of [chatKeys.counts, chatKeys.rooms]) {
        if (queryClient.isFetching({ queryKey }) > 0) {
          void queryClient.invalidateQueries({ queryKey });
        }
      }
    });
  }, [roomId, newestId, member, queryClient]);
  return messages;
}

/** The rendered messages, then those held that are newer than all of them. */
function withNewerHeld(
  rendered: ConversationMessage[],
  held: ConversationMessage[] | undefined,
): ConversationMessage[] {
  const newest = rendered.at(-1)?.id ?? 0;
  const newer = held?.filter((m) => m.id > newest) ?? [];
  return newer.length > 0 ? [...rendered, ...newer] : rendered;
}
