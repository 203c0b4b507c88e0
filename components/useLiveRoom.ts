"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { chatKeys } from "@/lib/live/query-keys";
import type { ConversationMessage } from "@/lib/messaging/conversations";
import { errorMessage, fetchRoomPage } from "./chat-api";
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
  renderedHasOlder: boolean,
) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const key = chatKeys.room(roomId);
  // A server render brings the room's newest messages as they now are; older ones loaded
  // above them, and those that arrived live after it read the room, stay.
  useEffect(() => {
    queryClient.setQueryData<ConversationMessage[]>(chatKeys.room(roomId), (held) =>
      withHeld(rendered, held),
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
  const older = useOlderRoomPages(roomId, messages[0]?.id, renderedHasOlder);

  useMarkRoomRead(roomId, messages.at(-1)?.id ?? 0, member);
  return { messages, ...older };
}

/**
 * "Load older": the page before the oldest message shown, through the room's API (its
 * authorization and cache), put above the held messages so live events apply to it too.
 */
function useOlderRoomPages(roomId: number, oldestId: number | undefined, initial: boolean) {
  const queryClient = useQueryClient();
  const [hasOlder, setHasOlder] = useState(initial);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<string | null>(null);
  async function loadOlder() {
    if (oldestId === undefined) return;
    setLoadingOlder(true);
    setOlderError(null);
    try {
      const page = await fetchRoomPage(roomId, oldestId);
      queryClient.setQueryData<ConversationMessage[]>(chatKeys.room(roomId), (held = []) => {
        const oldestHeld = held[0]?.id ?? Number.POSITIVE_INFINITY;
        return [...page.messages.filter((m) => m.id < oldestHeld), ...held];
      });
      setHasOlder(page.hasOlder);
    } catch (error) {
      setOlderError(errorMessage(error, "Could not load older messages.") ?? null);
    } finally {
      setLoadingOlder(false);
    }
  }
  return { hasOlder, loadingOlder, olderError, loadOlder };
}

/** The held messages older than those rendered, the rendered ones, then held ones newer. */
function withHeld(
  rendered: ConversationMessage[],
  held: ConversationMessage[] | undefined,
): ConversationMessage[] {
  if (!held) return rendered;
  const oldest = rendered[0]?.id ?? 0;
  const newest = rendered.at(-1)?.id ?? 0;
  const older = held.filter((m) => m.id < oldest);
  const newer = held.filter((m) => m.id > newest);
  return older.length + newer.length > 0 ? [...older, ...rendered, ...newer] : rendered;
}
