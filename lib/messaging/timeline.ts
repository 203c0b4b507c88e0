/**
 * How a conversation reads as a dense timeline: consecutive messages from one sender within
 * a few minutes share one name and avatar, and a separator starts each day. Pure functions
 * of the messages, `now` and a time zone (the server renders in UTC, the browser then in
 * the reader's zone).
 */

export const GROUP_WINDOW_MS = 5 * 60_000;

interface TimelineMessage {
  senderId: number;
  createdAt: number;
}

/** The calendar day of `ms` in `timeZone` (undefined: the reader's), as "YYYY-MM-DD". */
export function dayKey(ms: number, timeZone?: string): string {
  return dayFormat(timeZone).format(ms);
}

/** True when `message` continues the group of `previous`: same sender, same day, soon after. */
export function continuesGroup(
  previous: TimelineMessage | undefined,
  message: TimelineMessage,
  timeZone?: string,
): boolean {
  return (
    previous !== undefined &&
    previous.senderId === message.senderId &&
    message.createdAt - previous.createdAt >= 0 &&
    message.createdAt - previous.createdAt <= GROUP_WINDOW_MS &&
    dayKey(previous.createdAt, timeZone) === dayKey(message.createdAt, timeZone)
  );
}

/**
 * "Today", "Yesterday", or the date ("Monday, March 2", with the year when not this one).
 * Without `now` (a server render, which a cache may serve later) always the full date.
 */
export function dayLabel(ms: number, now: number | null, timeZone?: string): string {
  const day = dayKey(ms, timeZone);
  if (now !== null && day === dayKey(now, timeZone)) return "Today";
  if (now !== null && day === dayKey(previousDay(now, timeZone), timeZone)) return "Yesterday";
  const sameYear = now !== null && day.slice(0, 4) === dayKey(now, timeZone).slice(0, 4);
  return formatter(`label:${sameYear}`, timeZone, () => ({
    weekday: "long",
    month: "long",
    day: "numeric",
    year: sameYear ? undefined : "numeric",
  })).format(ms);
}

/** "14:05" or "2:05 PM": the compact time beside a message. */
export function shortTime(ms: number, timeZone?: string): string {
  return formatter("time", timeZone, () => ({ hour: "numeric", minute: "2-digit" })).format(ms);
}

/** A moment of the day before `now`'s day (noon-safe: DST days are 23 or 25 hours). */
function previousDay(now: number, timeZone?: string): number {
  const today = dayKey(now, timeZone);
  let moment = now - 12 * 3600_000;
  while (dayKey(moment, timeZone) === today) moment -= 6 * 3600_000;
  return moment;
}

/**
 * Building an Intl formatter is far dearer than using one (a fifth of a conversation page's
 * server render went to building one per timestamp): one per kind and zone is kept.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(
  kind: string,
  timeZone: string | undefined,
  options: () => Intl.DateTimeFormatOptions,
  locale?: string,
): Intl.DateTimeFormat {
  const key = `${kind}\0${timeZone ?? ""}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options(), timeZone });
    formatters.set(key, format);
  }
  return format;
}

function dayFormat(timeZone?: string): Intl.DateTimeFormat {
  // en-CA formats dates as YYYY-MM-DD.
  return formatter(
    "day-key",
    timeZone,
    () => ({ year: "numeric", month: "2-digit", day: "2-digit" }),
    "en-CA",
  );
}
