import Link from "next/link";
import type { InboxPage, UnreadMessage } from "@/lib/unread/inbox";
import { Avatar } from "./Avatar";
import { Timestamp } from "./Timestamp";

export function InboxList({ inbox }: { inbox: InboxPage }) {
  if (inbox.messages.length === 0) {
    return (
      <p className="rounded-xl bg-white p-8 text-center text-slate-600 shadow-sm ring-1 ring-slate-200">
        No unread messages
      </p>
    );
  }
  const last = inbox.messages.at(-1);
  return (
    <>
      <p className="mb-2 text-sm text-slate-600">
        {inbox.total} unread {inbox.total === 1 ? "message" : "messages"}
      </p>
      <div className="flex flex-col gap-2">
        {inbox.messages.map((message) => (
          <article
            key={message.id}
            aria-labelledby={`inbox-${message.id}`}
            className="relative flex gap-3 rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200 hover:ring-brand-500"
          >
            <Avatar name={message.senderName} size="sm" />
            <div className="min-w-0 flex-1">
              <div className="flex items-baseline justify-between gap-2">
                <Link
                  id={`inbox-${message.id}`}
                  href={hrefOf(message)}
                  className="font-semibold after:absolute after:inset-0"
                >
                  <bdi>{message.senderName}</bdi>
                  {message.parentMessageId && (
                    <span className="font-normal text-slate-500"> replied</span>
                  )}
                  {message.roomName !== null && (
                    <span className="font-normal text-slate-500">
                      {" in #"}
                      <bdi>{message.roomName}</bdi>
                    </span>
                  )}
                </Link>
                <Timestamp ms={message.createdAt} />
              </div>
              <p className="truncate text-slate-700">
                <bdi>{message.snippet}</bdi>
              </p>
            </div>
          </article>
        ))}
      </div>
      {inbox.total > inbox.messages.length && last && (
        <Link
          href={`/inbox?before=${last.id}`}
          className="mt-3 inline-block text-sm text-brand-600 hover:underline"
        >
          Older unread messages
        </Link>
      )}
    </>
  );
}

/** A reply opens its thread; a message opens its room or conversation at the message. */
function hrefOf(message: UnreadMessage): string {
  if (message.parentMessageId) return `/thread/${message.id}`;
  if (message.roomId !== null) return `/rooms/${message.roomId}#message-${message.id}`;
  return `/messages/${message.senderId}#message-${message.id}`;
}
