"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { chatKeys } from "@/lib/live/query-keys";
import type { ConversationMessage } from "@/lib/messaging/conversations";
import { useMarkRoomRead } from "./useMarkRoomRead";

/**
 * An open room's messages, kept live and read. Room events apply what they carry to the
 * messages held under the room's key (lib/live/apply-room.ts); one that cannot be applied
 * refetches them, which here renders the page again from the server (through the room's
 * authorization and its cache, which the write already expired). A member's read position
 * follows the newest message shown (useMarkRoomRead), so the sidebar's count clears.
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

  useMarkRoomRead(roomId, messages.at(-1)?.id ?? 0, member);
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
