/** An unread count beside a navigation link; nothing when there is nothing unread. */
export function CountBadge({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span className="min-w-5 rounded-full bg-brand-600 px-1.5 text-center text-xs font-semibold text-white">
      {count > 99 ? "99+" : count}
    </span>
  );
}
