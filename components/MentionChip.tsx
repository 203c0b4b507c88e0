"use client";

import { type ReactNode, useContext } from "react";
import { ViewerIdContext } from "./viewer-context";

/**
 * A mention in a message: a chip. A mention of the reader is highlighted in its own colour
 * and says so to screen readers, so it is never told by colour alone. Which chip is whose
 * comes from the stored id, never from the name shown.
 */
export function MentionChip({ mention, children }: { mention: string; children: ReactNode }) {
  const viewerId = useContext(ViewerIdContext);
  const you = viewerId !== null && mention === String(viewerId);
  return (
    <span
      data-mention={mention}
      className={
        you
          ? "mention mention-you rounded bg-amber-200 px-1 font-semibold text-amber-950"
          : "mention rounded bg-brand-500/15 px-1 font-medium"
      }
    >
      {children}
      {you && <span className="sr-only"> (mentions you)</span>}
    </span>
  );
}
