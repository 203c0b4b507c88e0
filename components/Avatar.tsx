// 700 shades: white initials on them pass the 4.5:1 contrast axe checks.
const COLOURS = ["bg-sky-700", "bg-emerald-700", "bg-amber-700", "bg-rose-700", "bg-violet-700"];

/** Initials on a colour picked from the name, so a person keeps one colour everywhere. */
export function Avatar({ name, size = "md" }: { name: string; size?: "sm" | "md" }) {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join("");
  const hash = [...name].reduce((sum, char) => sum + char.charCodeAt(0), 0);
  const dimensions = size === "sm" ? "h-7 w-7 text-xs" : "h-10 w-10 text-sm";
  return (
    <span
      aria-hidden="true"
      className={`inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white ${dimensions} ${COLOURS[hash % COLOURS.length]}`}
    >
      {initials || "?"}
    </span>
  );
}
