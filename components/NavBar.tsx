import Link from "next/link";
import type { UnreadCounts } from "@/lib/unread/notifications";
import { LiveCountBadge } from "./LiveCountBadge";
import { NavIcon, type NavIconName } from "./NavIcon";

interface NavBarProps {
  userName: string;
  counts: UnreadCounts;
  signOut: () => Promise<void>;
  isAdmin?: boolean;
}

const linkClass =
  "relative inline-flex shrink-0 items-center gap-1.5 rounded-md p-2 text-sm font-medium text-slate-700 hover:bg-slate-100 lg:px-2.5 lg:py-1.5";

/** On a phone only the icon shows; the label stays the link's name for screen readers. */
function Label({ icon, children }: { icon: NavIconName; children: React.ReactNode }) {
  return (
    <>
      <NavIcon name={icon} />
      <span className="sr-only lg:not-sr-only">{children}</span>
    </>
  );
}

/** A badge beside an icon sits on its corner, so the row stays one line. */
const badgeClass =
  "max-lg:absolute max-lg:-top-0.5 max-lg:-right-1 max-lg:origin-top-right max-lg:scale-90";

/**
 * One compact row at every width: from 1024 px the links are labelled, narrower they are
 * icons named by the same labels (six labels, the name and "Sign out" need that width).
 */
export function NavBar({ userName, counts, signOut, isAdmin = false }: NavBarProps) {
  return (
    <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/95 backdrop-blur">
      <div className="mx-auto flex h-12 max-w-6xl flex-nowrap items-center gap-x-1 px-2 sm:h-14 sm:gap-x-3 sm:px-6">
        <Link href="/messages" className="shrink-0 text-lg font-bold text-brand-600">
          <span aria-hidden="true" className="sm:hidden">
            C
          </span>
          <span className="sr-only sm:not-sr-only">Cairo Chat</span>
        </Link>
        <nav
          aria-label="Main"
          className="flex min-w-0 flex-1 items-center justify-around gap-0.5 sm:gap-1 lg:justify-start"
        >
          <Link href="/messages" className={linkClass}>
            <Label icon="messages">Messages</Label>
          </Link>
          <Link href="/inbox" className={linkClass}>
            <Label icon="inbox">Inbox</Label>{" "}
            <span className={badgeClass}>
              <LiveCountBadge kind="inbox" initial={counts} />
            </span>
          </Link>
          <Link href="/notifications" className={linkClass}>
            <Label icon="notifications">Notifications</Label>{" "}
            <span className={badgeClass}>
              <LiveCountBadge kind="notifications" initial={counts} />
            </span>
          </Link>
          <Link href="/search" className={linkClass}>
            <Label icon="search">Search</Label>
          </Link>
          <Link href="/settings/profile" className={linkClass}>
            <Label icon="settings">Settings</Label>
          </Link>
          {isAdmin && (
            <Link href="/admin" className={linkClass}>
              <Label icon="admin">Admin</Label>
            </Link>
          )}
        </nav>
        <span className="ml-auto hidden max-w-40 truncate text-sm text-slate-500 md:inline">
          <bdi>{userName}</bdi>
        </span>
        <form action={signOut} data-sign-out className="shrink-0 md:ml-0">
          <button type="submit" className={`${linkClass} text-slate-600`}>
            <Label icon="signOut">Sign out</Label>
          </button>
        </form>
      </div>
    </header>
  );
}
