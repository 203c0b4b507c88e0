import type { Metadata } from "next";
import { ColleagueDirectory } from "@/components/ColleagueDirectory";
import { ColleagueFinder } from "@/components/ColleagueFinder";
import { ConversationSidebar } from "@/components/ConversationSidebar";
import { colleagueDirectory, directoryPageSchema } from "@/lib/accounts/colleagues";
import { requireUser } from "@/lib/accounts/current-user";
import { recentConversationsOncePerRequest } from "@/lib/messaging/recent-conversations";

export const metadata: Metadata = { title: "Messages" };

/**
 * Where conversations start. Nothing here lists every user: the recent conversations (in
 * the sidebar from 1024 px, here below that), the colleague finder, and a page of the other
 * colleagues at a time, each named once on the page.
 */
export default async function MessagesPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string }>;
}) {
  const user = await requireUser();
  const asked = directoryPageSchema.safeParse(await searchParams);
  const recent = await recentConversationsOncePerRequest(user.id);
  const directory = await colleagueDirectory(
    asked.success ? asked.data.page : 1,
    recent.map((conversation) => conversation.id),
  );
  return (
    <>
      <h1 className="mb-3 text-xl font-semibold">Messages</h1>
      <div className="flex flex-col gap-4 rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200">
        <div className="flex flex-col gap-4 lg:hidden">
          <ColleagueFinder />
          <ConversationSidebar initial={recent} viewerId={user.id} />
        </div>
        <ColleagueDirectory directory={directory} viewerId={user.id} />
      </div>
    </>
  );
}
