"use client";

import { absoluteTime, fullDateTime, relativeTime } from "@/lib/platform/relative-time";
import { useNow } from "./useNow";

/**
 * "2 min ago", with the full date in the reader's locale and time zone on hover. The server
 * (whose HTML may be served from a cache later) and the hydrating browser write the absolute
 * time in UTC instead; the relative time, kept current, follows hydration.
 */
export function Timestamp({ ms, className = "" }: { ms: number; className?: string }) {
  const now = useNow();
  const date = new Date(ms);
  return (
    <time
      dateTime={date.toISOString()}
      title={now === null ? absoluteTime(ms, "UTC") : fullDateTime(ms)}
      suppressHydrationWarning
      className={`text-xs text-slate-500 ${className}`}
    >
      {now === null ? absoluteTime(ms, "UTC") : relativeTime(ms, now)}
    </time>
  );
}
