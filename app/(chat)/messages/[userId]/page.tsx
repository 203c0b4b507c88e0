import type { Metadata } from "next";
import { ConversationHeader } from "@/components/ConversationHeader";
import { ConversationView } from "@/components/ConversationView";
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
      <ConversationView
        key={otherId}
        viewer={{ id: user.id, name: user.name }}
        otherId={otherId}
        firstPage={page}
        sendAction={sendMessageAction}
      />
    </div>
  );
}
