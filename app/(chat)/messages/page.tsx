import type { Metadata } from "next";
import { ColleagueFinder } from "@/components/ColleagueFinder";
import { ConversationSidebar } from "@/components/ConversationSidebar";
import { recentConversations } from "@/lib/recent-conversations";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "Messages" };

/**
 * Where conversations start. Nothing here lists every user: recent conversations and the
 * colleague finder, a page of matches at a time. From 1024 px the sidebar shows both, so
 * this page only points there.
 */
export default async function MessagesPage() {
  const user = await requireUser();
  return (
    <>
      <h1 className="mb-3 text-xl font-semibold">Messages</h1>
      <p className="hidden rounded-xl bg-white p-6 text-center text-slate-600 shadow-sm ring-1 ring-slate-200 lg:block">
        Open a conversation on the left, or find a colleague to start one.
      </p>
      <div className="flex flex-col gap-4 rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200 lg:hidden">
        <ColleagueFinder />
        <ConversationSidebar initial={await recentConversations(user.id)} viewerId={user.id} />
      </div>
    </>
  );
}
