import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { cache } from "react";
import { ConversationHeader } from "@/components/ConversationHeader";
import { ConversationView } from "@/components/ConversationView";
import { TypingStatus } from "@/components/TypingStatus";
import { requireUser } from "@/lib/accounts/current-user";
import { conversationFor } from "@/lib/messaging/cached-views";
import { conversationAt } from "@/lib/messaging/conversation-at";
import { idParam, orNotFound } from "@/lib/platform/http/not-found";
import { idSchema } from "@/lib/platform/validation";
import { sendMessageAction } from "./actions";

export const revalidate = 60;

interface PageProps {
  params: Promise<{ userId: string }>;
  searchParams: Promise<{ at?: string }>;
}

/** Loaded once per request, for the tab title and the page alike. */
const loadConversation = cache(async (viewerId: number, otherId: number, at?: number) =>
  orNotFound(() =>
    at !== undefined ? conversationAt(viewerId, otherId, at) : conversationFor(viewerId, otherId),
  ),
);

async function load({ params, searchParams }: PageProps) {
  const user = await requireUser();
  const otherId = idParam((await params).userId);
  // ?at=<id> (a search result): the first page reaches back to that message.
  const at = idSchema.safeParse((await searchParams).at);
  const conversation = await loadConversation(user.id, otherId, at.success ? at.data : undefined);
  return { user, otherId, conversation };
}

/** The tab names the colleague (the unread count goes in front of it, live). */
export async function generateMetadata(props: PageProps): Promise<Metadata> {
  const { conversation } = await load(props);
  return { title: conversation.other.name };
}

export default async function ConversationPage(props: PageProps) {
  const {
    user,
    otherId,
    conversation: { other, ...page },
  } = await load(props);
  return (
    <div className="chat-pane flex flex-col gap-2 sm:gap-3">
      <ConversationHeader other={other} isSelf={otherId === user.id} />
      <ConversationView
        key={otherId}
        viewer={{ id: user.id, name: user.name }}
        otherId={otherId}
        firstPage={page}
        sendAction={sendMessageAction}
        formSendKey={randomUUID()}
      />
      {otherId !== user.id && (
        <TypingStatus key={otherId} target={{ receiverId: otherId }} viewerId={user.id} />
      )}
    </div>
  );
}
