import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { ConversationHeader } from "@/components/ConversationHeader";
import { ConversationView } from "@/components/ConversationView";
import { requireUser } from "@/lib/accounts/current-user";
import { conversationFor } from "@/lib/messaging/cached-views";
import { conversationAt } from "@/lib/messaging/conversation-at";
import { idParam, orNotFound } from "@/lib/platform/http/not-found";
import { idSchema } from "@/lib/platform/validation";
import { sendMessageAction } from "./actions";

export const metadata: Metadata = { title: "Conversation" };
export const revalidate = 60;

export default async function ConversationPage({
  params,
  searchParams,
}: {
  params: Promise<{ userId: string }>;
  searchParams: Promise<{ at?: string }>;
}) {
  const user = await requireUser();
  const otherId = idParam((await params).userId);
  // ?at=<id> (a search result): the first page reaches back to that message.
  const at = idSchema.safeParse((await searchParams).at);
  const { other, ...page } = await orNotFound(() =>
    at.success ? conversationAt(user.id, otherId, at.data) : conversationFor(user.id, otherId),
  );
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
