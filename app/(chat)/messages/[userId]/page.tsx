import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { ConversationHeader } from "@/components/ConversationHeader";
import { ConversationView } from "@/components/ConversationView";
import { idParam, orNotFound } from "@/lib/not-found";
import { requireUser } from "@/lib/session";
import { conversationFor } from "@/lib/views";
import { sendMessageAction } from "./actions";

export const metadata: Metadata = { title: "Conversation" };
export const revalidate = 60;

export default async function ConversationPage({
  params,
}: {
  params: Promise<{ userId: string }>;
}) {
  const user = await requireUser();
  const otherId = idParam((await params).userId);
  const { other, ...page } = await orNotFound(() => conversationFor(user.id, otherId));
  return (
    <div className="flex flex-1 flex-col gap-3">
      <ConversationHeader other={other} isSelf={otherId === user.id} />
      <ConversationView
        key={otherId}
        viewer={{ id: user.id, name: user.name }}
        otherId={otherId}
        firstPage={page}
        sendAction={sendMessageAction}
        formSendKey={randomUUID()}
      />
    </div>
  );
}
