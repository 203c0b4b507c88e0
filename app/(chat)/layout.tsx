import { NavBar } from "@/components/NavBar";
import { Providers } from "@/components/Providers";
import { SearchShortcut } from "@/components/SearchShortcut";
import { liveBus } from "@/lib/live/bus";
import { unreadCounts } from "@/lib/notifications";
import { requireUser } from "@/lib/session";
import { signOutAction } from "./actions";

export default async function ChatLayout({ children }: { children: React.ReactNode }) {
  // First, before the page reads anything: its live stream resumes from here.
  const since = await liveBus().latestEventId();
  const user = await requireUser();
  return (
    <Providers liveSince={since}>
      <div className="flex min-h-full flex-col">
        <SearchShortcut />
        <NavBar
          userName={user.name}
          counts={await unreadCounts(user.id)}
          signOut={signOutAction}
          isAdmin={user.role === "admin"}
        />
        <main className="mx-auto flex w-full max-w-4xl flex-1 flex-col px-3 py-4 sm:px-6">
          {children}
        </main>
      </div>
    </Providers>
  );
}
