import type { ConversationMessage } from "@/lib/conversations";
import { unreadReceivedIds } from "@/lib/unread";
import { MarkSeen } from "./MarkSeen";
import { MessageItem } from "./MessageItem";
import { ScrollToEnd } from "./ScrollToEnd";

export function MessageList({
  messages,
  viewerId,
}: {
  messages: ConversationMessage[];
  viewerId: number;
}) {
  return (
    <section
      aria-label="Messages"
      id="messages"
      className="flex max-h-[calc(100dvh-14rem)] min-h-48 flex-1 flex-col gap-1 overflow-y-auto rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200"
    >
      {messages.length === 0 ? (
        <p className="m-auto text-center text-slate-500">No messages yet. Say hello!</p>
      ) : (
        messages.map((message) => (
          <MessageItem
            key={message.id}
            message={message}
            viewerId={viewerId}
            replyCount={message.replyCount}
          />
        ))
      )}
      <ScrollToEnd containerId="messages" trigger={messages.at(-1)?.id ?? 0} />
      <MarkSeen messageIds={unreadReceivedIds(messages, viewerId)} />
    </section>
  );
}
