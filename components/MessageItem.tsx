import type { ConversationMessage } from "@/lib/conversations";
import { Avatar } from "./Avatar";
import { Timestamp } from "./Timestamp";

export function MessageItem({ message, mine }: { message: ConversationMessage; mine: boolean }) {
  const headingId = `message-${message.id}-sender`;
  return (
    <article
      id={`message-${message.id}`}
      aria-labelledby={headingId}
      className="group flex gap-3 rounded-lg px-2 py-2 hover:bg-slate-50"
    >
      <Avatar name={message.senderName} size="sm" />
      <div className="min-w-0 flex-1">
        <header className="flex flex-wrap items-baseline gap-x-2">
          <span id={headingId} className={`font-semibold ${mine ? "text-brand-700" : ""}`}>
            {message.senderName}
          </span>
          <Timestamp ms={message.createdAt} />
          {message.edited && <span className="text-xs text-slate-500">(edited)</span>}
        </header>
        {message.deleted ? (
          <p className="italic text-slate-500">This message was deleted</p>
        ) : (
          <p className="whitespace-pre-wrap break-words">{message.content}</p>
        )}
      </div>
    </article>
  );
}
