import type { DayCount } from "@/lib/admin/console";

const WIDTH = 600;
const HEIGHT = 140;
const day = (ms: number) =>
  new Date(ms).toLocaleDateString("en", { month: "short", day: "numeric", timeZone: "UTC" });

/**
 * Messages per day as a plain SVG bar chart: one image with a summary for screen readers,
 * a tooltip per bar, and the same figures as a table one click away.
 */
export function MessagesChart({ days }: { days: DayCount[] }) {
  const max = Math.max(1, ...days.map((d) => d.messages));
  const total = days.reduce((sum, d) => sum + d.messages, 0);
  const busiest = days.reduce((top, d) => (d.messages > top.messages ? d : top), days[0]);
  const barWidth = WIDTH / days.length;
  const summary =
    `Messages per day over the last ${days.length} days: ${total} in all` +
    (busiest && busiest.messages > 0
      ? `, the most on ${day(busiest.day)} (${busiest.messages}).`
      : ".");
  return (
    <figure className="flex flex-col gap-2">
      <figcaption className="text-sm font-medium text-slate-700">
        Messages per day (last {days.length} days, UTC)
      </figcaption>
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${WIDTH} ${HEIGHT + 16}`}
        className="h-40 w-full"
        preserveAspectRatio="none"
      >
        <line x1={0} y1={HEIGHT} x2={WIDTH} y2={HEIGHT} className="stroke-slate-300" />
        {days.map((d, i) => {
          const height = (d.messages / max) * (HEIGHT - 4);
          return (
            <rect
              key={d.day}
              x={i * barWidth + 2}
              y={HEIGHT - height}
              width={barWidth - 4}
              height={height}
              className="fill-brand-600"
            >
              <title>{`${day(d.day)}: ${d.messages} messages`}</title>
            </rect>
          );
        })}
        <text x={0} y={HEIGHT + 14} className="fill-slate-500 text-[11px]">
          {days[0] ? day(days[0].day) : ""}
        </text>
        <text x={WIDTH} y={HEIGHT + 14} textAnchor="end" className="fill-slate-500 text-[11px]">
          {days.at(-1) ? day(days.at(-1)?.day ?? 0) : ""}
        </text>
      </svg>
      <details className="text-sm">
        <summary className="cursor-pointer text-brand-700">Show as a table</summary>
        <table className="mt-2 text-left">
          <thead>
            <tr>
              <th className="pr-4">Day</th>
              <th>Messages</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <td className="pr-4">{day(d.day)}</td>
                <td>{d.messages}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
