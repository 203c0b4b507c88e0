import Link from "next/link";
import type { DirectoryPage } from "@/lib/accounts/colleagues";
import { Avatar } from "./Avatar";

const pageLink =
  "rounded-md px-2.5 py-1.5 text-sm font-medium text-brand-700 ring-1 ring-slate-200 hover:bg-slate-100";

/**
 * A page of colleagues to start a conversation with, each a link named by their name (the
 * email beside it tells two of one name apart), with links to the next and previous pages.
 */
export function ColleagueDirectory({
  directory,
  viewerId,
}: {
  directory: DirectoryPage;
  viewerId: number;
}) {
  const { colleagues, page, hasNext } = directory;
  return (
    <section aria-labelledby="colleagues-heading" className="flex flex-col gap-2">
      <h2 id="colleagues-heading" className="text-sm font-semibold text-slate-700">
        Colleagues
      </h2>
      {colleagues.length === 0 ? (
        <p className="text-sm text-slate-600">Nobody else to show here.</p>
      ) : (
        <ul className="grid gap-1 sm:grid-cols-2">
          {colleagues.map((colleague) => (
            <li key={colleague.id}>
              <Link
                href={`/messages/${colleague.id}`}
                className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-100"
              >
                <Avatar name={colleague.name} size="sm" />
                <span className="min-w-0 flex-1 truncate">
                  <bdi className="font-medium">{colleague.name}</bdi>
                  {colleague.id === viewerId && <span className="text-slate-600"> (you)</span>}
                  {colleague.deactivated && <span className="text-slate-600"> (deactivated)</span>}
                  <span className="block truncate text-xs text-slate-600">{colleague.email}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {(page > 1 || hasNext) && (
        <nav aria-label="Colleague pages" className="flex gap-2">
          {page > 1 && (
            <Link href={`/messages?page=${page - 1}`} className={pageLink}>
              Previous colleagues
            </Link>
          )}
          {hasNext && (
            <Link href={`/messages?page=${page + 1}`} className={pageLink}>
              More colleagues
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}
