/** A list page's heading, with "Mark all as read" beside it while anything is unread. */
export function PageHeading({
  title,
  markAllRead,
}: {
  title: string;
  markAllRead?: () => Promise<void>;
}) {
  return (
    <div className="mb-3 flex items-center justify-between gap-2">
      <h1 className="text-xl font-semibold">{title}</h1>
      {markAllRead && (
        <form action={markAllRead}>
          <button
            type="submit"
            className="rounded-lg px-3 py-1.5 text-sm font-medium text-brand-700 ring-1 ring-brand-200 hover:bg-brand-50"
          >
            Mark all as read
          </button>
        </form>
      )}
    </div>
  );
}
