const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

// Building an Intl formatter is far dearer than using one: keep one per locale.
const formats = new Map<string, Intl.RelativeTimeFormat>();
function relativeFormat(locale = "default"): Intl.RelativeTimeFormat {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale === "default" ? undefined : locale, {
      numeric: "auto",
      style: "short",
    });
    formats.set(locale, format);
  }
  return format;
}

let fullDate: Intl.DateTimeFormat | undefined;
/** "Thursday, November 26, 2026 at 4:15 PM", in the reader's locale and time zone. */
export function fullDateTime(ms: number): string {
  fullDate ??= new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "short" });
  return fullDate.format(ms);
}

const absoluteFormats = new Map<string, Intl.DateTimeFormat>();
/**
 * "Dec 2, 2026, 7:48 AM UTC": a time that stays true whenever it is read, for HTML written
 * before the reader's clock and time zone are known.
 */
export function absoluteTime(ms: number, timeZone = "UTC"): string {
  let format = absoluteFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone,
    });
    absoluteFormats.set(timeZone, format);
  }
  return `${format.format(ms)}${timeZone === "UTC" ? " UTC" : ""}`;
}

/** "just now", "2 min ago", "yesterday", "3 wk ago": the way chat apps say when. */
export function relativeTime(ms: number, now: number, locale?: string): string {
  const seconds = Math.round((ms - now) / 1000);
  // Also covers a timestamp slightly ahead of this device's clock.
  if (seconds > -45) return "just now";
  const format = relativeFormat(locale);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === "minute") {
      return format.format(Math.round(seconds / size), unit);
    }
  }
  return "just now";
}
