import type { Metadata } from "next";
import { Composer } from "@/components/Composer";
import { ConversationHeader } from "@/components/ConversationHeader";
import { MessageList } from "@/components/MessageList";
import { loadConversation } from "@/lib/conversations";
import { idParam, orNotFound } from "@/lib/not-found";
import { requireUser } from "@/lib/session";
import { sendMessageAction } from "./actions";

export const metadata: Metadata = { title: "Conversation" };

export default async function ConversationPage({
  params,
}: {
  params: Promise<{ userId: string }>;
}) {
  const user = await requireUser();
  const otherId = idParam((await params).userId);
  const conversation = await orNotFound(() => loadConversation(user.id, otherId));
  return (
    <div className="flex flex-1 flex-col gap-3">
      <ConversationHeader other={conversation.other} isSelf={otherId === user.id} />
      <MessageList messages={conversation.messages} viewerId={user.id} />
      <Composer action={sendMessageAction} receiverId={otherId} />
    </div>
  );
}
