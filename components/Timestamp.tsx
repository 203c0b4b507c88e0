"use client";

/**
 * A time in the reader's own locale and time zone. The server renders it in UTC, so the
 * first client render may differ: that difference is expected, hence the warning is muted.
 */
export function Timestamp({ ms, className = "" }: { ms: number; className?: string }) {
  const date = new Date(ms);
  const short = new Intl.DateTimeFormat(undefined, {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
  const full = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "short" }).format(
    date,
  );
  return (
    <time
      dateTime={date.toISOString()}
      title={full}
      suppressHydrationWarning
      className={`text-xs text-slate-500 ${className}`}
    >
      {short}
    </time>
  );
}
