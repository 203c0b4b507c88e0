const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "just now", "2 min ago", "yesterday", "3 wk ago": the way chat apps say when. */
export function relativeTime(ms: number, now: number, locale?: string): string {
  const seconds = Math.round((ms - now) / 1000);
  // Also covers a timestamp slightly ahead of this device's clock.
  if (seconds > -45) return "just now";
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "short" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === "minute") {
      return format.format(Math.round(seconds / size), unit);
    }
  }
  return "just now";
}
