import Link from "next/link";
import type { UnreadCounts } from "@/lib/notifications";
import { LiveCountBadge } from "./LiveCountBadge";

interface NavBarProps {
  userName: string;
  counts: UnreadCounts;
  signOut: () => Promise<void>;
}

const linkClass =
  "inline-flex items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100";

export function NavBar({ userName, counts, signOut }: NavBarProps) {
  return (
    <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex max-w-3xl flex-wrap items-center gap-x-2 gap-y-1 px-3 py-2 sm:px-6">
        <Link href="/messages" className="mr-2 text-lg font-bold text-brand-600">
          Cairo Chat
        </Link>
        <nav aria-label="Main" className="flex flex-1 flex-wrap items-center gap-1">
          <Link href="/messages" className={linkClass}>
            Messages
          </Link>
          <Link href="/inbox" className={linkClass}>
            Inbox <LiveCountBadge kind="inbox" initial={counts} />
          </Link>
          <Link href="/notifications" className={linkClass}>
            Notifications <LiveCountBadge kind="notifications" initial={counts} />
          </Link>
          <Link href="/settings/account" className={linkClass}>
            Settings
          </Link>
        </nav>
        <span className="hidden text-sm text-slate-500 sm:inline">{userName}</span>
        <form action={signOut}>
          <button type="submit" className={`${linkClass} text-slate-600`}>
            Sign out
          </button>
        </form>
      </div>
    </header>
  );
}
