"use client";

import { fullDateTime, relativeTime } from "@/lib/platform/relative-time";
import { useNow } from "./useNow";

/**
 * "2 min ago", with the full date in the reader's locale and time zone on hover. The server
 * renders it a moment earlier and in UTC, so the first client render may differ slightly.
 */
export function Timestamp({ ms, className = "" }: { ms: number; className?: string }) {
  const now = useNow();
  const date = new Date(ms);
  return (
    <time
      dateTime={date.toISOString()}
      title={fullDateTime(ms)}
      suppressHydrationWarning
      className={`text-xs text-slate-500 ${className}`}
    >
      {relativeTime(ms, now)}
    </time>
  );
}
