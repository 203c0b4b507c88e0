"use client";

import { shortTime } from "@/lib/messaging/timeline";
import { fullDateTime } from "@/lib/platform/relative-time";
import { useHydrated } from "./useHydrated";

/**
 * A message's time, compact ("14:05"), in a <time> whose title holds the full date. Until
 * hydration it is written in UTC, as the server wrote it; then in the reader's time zone.
 */
export function MessageTime({ ms, className = "" }: { ms: number; className?: string }) {
  const timeZone = useHydrated() ? undefined : "UTC";
  return (
    <time
      dateTime={new Date(ms).toISOString()}
      title={fullDateTime(ms)}
      suppressHydrationWarning
      className={`text-xs text-slate-500 tabular-nums ${className}`}
    >
      {shortTime(ms, timeZone)}
    </time>
  );
}
