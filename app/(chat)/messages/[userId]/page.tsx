import type { Metadata } from "next";
import { Composer } from "@/components/Composer";
import { ConversationHeader } from "@/components/ConversationHeader";
import { MessageList } from "@/components/MessageList";
import { cachedConversationPage, conversationKey } from "@/lib/cached-views";
import { findColleague } from "@/lib/conversations";
import { idParam, orNotFound } from "@/lib/not-found";
import { requireUser } from "@/lib/session";
import { sendMessageAction } from "./actions";

export const metadata: Metadata = { title: "Conversation" };
export const revalidate = 60;

export default async function ConversationPage({
  params,
}: {
  params: Promise<{ userId: string }>;
}) {
  // Who asks, and may they? Checked before the cache is consulted.
  const user = await requireUser();
  const otherId = idParam((await params).userId);
  const other = await orNotFound(() => findColleague(otherId));
  const page = await cachedConversationPage(...conversationKey(user.id, otherId), undefined);
  return (
    <div className="flex flex-1 flex-col gap-3">
      <ConversationHeader other={other} isSelf={otherId === user.id} />
      <MessageList messages={page.messages} viewerId={user.id} />
      <Composer action={sendMessageAction} receiverId={otherId} />
    </div>
  );
}
