"use client";

import type { ReactionSummary } from "@/lib/reactions/summary";
import { AddReactionDialog } from "./AddReactionDialog";
import { ReactionBar } from "./ReactionBar";
import { useReactions } from "./useReactions";

/**
 * A message's reactions, in two places MessageItem chooses: the bar under the message and
 * the "Add reaction" button of its toolbar (the same state, so they stay in step).
 */
export function useMessageReactions(
  messageId: number,
  shown: ReactionSummary[] | undefined,
  viewerId: number,
) {
  const { reactions, toggle, error } = useReactions(messageId, shown ?? NONE, viewerId);
  return {
    bar: (
      <ReactionBar
        reactions={reactions}
        viewerId={viewerId}
        onToggle={(emoji) => void toggle(emoji)}
        error={error}
      />
    ),
    addButton: (className: string) => (
      <AddReactionDialog
        messageId={messageId}
        className={className}
        onPick={(emoji) => void toggle(emoji, { onlyAdd: true })}
      />
    ),
  };
}

const NONE: ReactionSummary[] = [];
