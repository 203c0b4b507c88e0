import Link from "next/link";
import type { UnreadCounts } from "@/lib/unread/notifications";
import { LiveCountBadge } from "./LiveCountBadge";

interface NavBarProps {
  userName: string;
  counts: UnreadCounts;
  signOut: () => Promise<void>;
  isAdmin?: boolean;
}

const linkClass =
  "inline-flex shrink-0 items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100";

/** One row on a wide screen; on a phone the links get a row of their own, wrapping rather than cutting a label off. */
export function NavBar({ userName, counts, signOut, isAdmin = false }: NavBarProps) {
  return (
    <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 px-3 py-2 sm:flex-nowrap sm:px-6">
        <Link href="/messages" className="shrink-0 text-lg font-bold text-brand-600">
          Cairo Chat
        </Link>
        <nav
          aria-label="Main"
          className="order-last -mx-1 flex w-full flex-wrap items-center gap-1 sm:order-none sm:mx-0 sm:w-auto sm:flex-1"
        >
          <Link href="/messages" className={linkClass}>
            Messages
          </Link>
          <Link href="/inbox" className={linkClass}>
            Inbox <LiveCountBadge kind="inbox" initial={counts} />
          </Link>
          <Link href="/notifications" className={linkClass}>
            Notifications <LiveCountBadge kind="notifications" initial={counts} />
          </Link>
          <Link href="/search" className={linkClass}>
            Search
          </Link>
          <Link href="/settings/account" className={linkClass}>
            Settings
          </Link>
          {isAdmin && (
            <Link href="/admin" className={linkClass}>
              Admin
            </Link>
          )}
        </nav>
        <span className="ml-auto hidden max-w-40 truncate text-sm text-slate-500 md:inline">
          <bdi>{userName}</bdi>
        </span>
        <form action={signOut} data-sign-out className="ml-auto md:ml-0">
          <button type="submit" className={`${linkClass} text-slate-600`}>
            Sign out
          </button>
        </form>
      </div>
    </header>
  );
}
