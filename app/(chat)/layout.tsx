import { ColleagueFinder } from "@/components/ColleagueFinder";
import { ConversationKeys } from "@/components/ConversationKeys";
import { ConversationSidebar } from "@/components/ConversationSidebar";
import { DesktopNotifications } from "@/components/DesktopNotifications";
import { NavBar } from "@/components/NavBar";
import { Providers } from "@/components/Providers";
import { QuickSwitcher } from "@/components/QuickSwitcher";
import { RoomSidebar } from "@/components/RoomSidebar";
import { SearchShortcut } from "@/components/SearchShortcut";
import { SkipLink } from "@/components/SkipLink";
import { TabTitle } from "@/components/TabTitle";
import { requireUser } from "@/lib/accounts/current-user";
import { signOutAction } from "@/lib/actions/chat";
import { liveCursor } from "@/lib/live/cursor";
import { recentConversationsOncePerRequest } from "@/lib/messaging/recent-conversations";
import { myRooms } from "@/lib/rooms/room-messages";
import { unreadCounts } from "@/lib/unread/notifications";

/**
 * Every signed-in page: the main navigation on top; from 1024 px a sidebar of recent
 * conversations and the colleague finder beside the page; narrower, one pane (the
 * conversations are on /messages, and every conversation has a way back there).
 */
export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  // Before the page reads anything else: its live stream resumes from here.
  const since = await liveCursor(user.id);
  const [counts, recent, rooms] = await Promise.all([
    unreadCounts(user.id),
    recentConversationsOncePerRequest(user.id),
    myRooms(user.id),
  ]);
  return (
    <Providers liveSince={since} viewerId={user.id}>
      <SkipLink />
      <div className="flex min-h-full flex-col">
        <SearchShortcut />
        <QuickSwitcher />
        <ConversationKeys initial={recent} />
        <NavBar
          userName={user.name}
          counts={counts}
          signOut={signOutAction}
          isAdmin={user.role === "admin"}
        />
        <div className="mx-auto flex w-full max-w-6xl flex-1">
          <aside className="sticky top-14 hidden h-[calc(100dvh-3.5rem)] w-72 shrink-0 flex-col gap-4 overflow-y-auto border-r border-slate-200 px-3 py-4 lg:flex">
            <ColleagueFinder />
            <RoomSidebar initial={rooms} />
            <ConversationSidebar initial={recent} viewerId={user.id} />
          </aside>
          <main className="flex min-w-0 flex-1 flex-col px-3 py-2 sm:px-6 sm:py-4">{children}</main>
        </div>
      </div>
      <TabTitle initial={counts} />
      <DesktopNotifications />
    </Providers>
  );
}
