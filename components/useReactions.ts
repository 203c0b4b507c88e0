"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { chatKeys } from "@/lib/live/query-keys";
import { type ReactionSummary, withReactionChange } from "@/lib/reactions/summary";
import { ApiError, postReaction } from "./chat-api";
import { rememberEmoji } from "./recent-emoji";

/**
 * A message's reactions as its bar and its "Add reaction" dialog show them. They live under
 * their own react-query key, so a live event (lib/live/apply.ts) updates them in place in
 * every view, rooms included; the server's list (`shown`) is taken whenever it changes (a
 * refetched page). Toggling shows at once and is undone if the server refuses.
 */
export function useReactions(messageId: number, shown: ReactionSummary[], viewerId: number) {
  const queryClient = useQueryClient();
  const key = chatKeys.reactions(messageId);
  const { data } = useQuery({
    queryKey: key,
    queryFn: () => queryClient.getQueryData<ReactionSummary[]>(key) ?? shown,
    initialData: shown,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const signature = JSON.stringify(shown);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the server's list, whenever its content changes
  useEffect(() => {
    queryClient.setQueryData(key, shown);
  }, [signature]);

  const [error, setError] = useState<string | null>(null);
  const toggle = useCallback(
    async (emoji: string, { onlyAdd = false } = {}) => {
      const current = queryClient.getQueryData<ReactionSummary[]>(key) ?? [];
      const mine = current.some(
        (s) => s.emoji === emoji && s.users.some((user) => user.id === viewerId),
      );
      if (mine && onlyAdd) return;
      // The viewer shows as "you": their own name is never displayed on their reaction.
      const user = { id: viewerId, name: "you" };
      const set = (reacted: boolean) =>
        queryClient.setQueryData<ReactionSummary[]>(key, (list) =>
          withReactionChange(list, { emoji, user, reacted }),
        );
      set(!mine);
      if (!mine) rememberEmoji(emoji);
      setError(null);
      try {
        set((await postReaction(messageId, emoji)).reacted);
      } catch (caught) {
        set(mine);
        setError(caught instanceof ApiError ? caught.message : "The reaction was not saved.");
      }
    },
    [queryClient, key, messageId, viewerId],
  );
  return { reactions: data, toggle, error };
}
