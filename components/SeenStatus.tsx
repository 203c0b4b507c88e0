"use client";

import { fullDateTime } from "@/lib/platform/relative-time";

/** "Seen", under the viewer's newest message the other person has read; its title says when. */
export function SeenStatus({ readAt }: { readAt: number | null | undefined }) {
  return (
    <p
      role="status"
      title={readAt ? `Seen ${fullDateTime(readAt)}` : "Seen"}
      suppressHydrationWarning
      className="-mt-0.5 mr-2 self-end text-xs text-slate-500"
    >
      Seen
    </p>
  );
}
