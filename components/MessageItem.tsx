"use client";

import Link from "next/link";
import { useCallback, useState } from "react";
import { editMessageAction, replyAction } from "@/app/(chat)/actions";
import type { MessageView } from "@/lib/conversations";
import { Avatar } from "./Avatar";
import { DeleteMessageButton } from "./DeleteMessageButton";
import { EditHistoryDialog } from "./EditHistoryDialog";
import { InlineMessageForm } from "./InlineMessageForm";
import { MarkUnreadButton } from "./MarkUnreadButton";
import { MessageContent } from "./MessageContent";
import { Timestamp } from "./Timestamp";

const actionButton =
  "rounded px-1.5 py-0.5 text-xs font-medium text-slate-600 hover:bg-slate-200 hover:text-slate-900";

type Mode = "read" | "edit" | "reply";

interface MessageItemProps {
  message: MessageView;
  viewerId: number;
  /** In a conversation: the size of the message's thread, for the "View thread" link. */
  replyCount?: number;
  /** Sent optimistically, not yet confirmed by the server. */
  pending?: boolean;
}

export function MessageItem({
  message,
  viewerId,
  replyCount = 0,
  pending = false,
}: MessageItemProps) {
  const mine = message.senderId === viewerId;
  const received = message.receiverId === viewerId && !mine;
  const [mode, setMode] = useState<Mode>("read");
  const backToReading = useCallback(() => setMode("read"), []);
  const headingId = `message-${message.id}-sender`;
  return (
    <article
      id={`message-${message.id}`}
      aria-labelledby={headingId}
      aria-busy={pending || undefined}
      className={`group flex gap-3 rounded-lg px-2 py-2 hover:bg-slate-50 ${pending ? "opacity-60" : ""}`}
    >
      <Avatar name={message.senderName} size="sm" />
      <div className="min-w-0 flex-1">
        <header className="flex flex-wrap items-baseline gap-x-2">
          <span id={headingId} className={`font-semibold ${mine ? "text-brand-700" : ""}`}>
            <bdi>{message.senderName}</bdi>
          </span>
          <Timestamp ms={message.createdAt} />
          {message.edited && <span className="text-xs text-slate-500">(edited)</span>}
          {pending && <span className="text-xs text-slate-500">Sending…</span>}
        </header>
        {message.deleted ? (
          <p className="italic text-slate-500">This message was deleted</p>
        ) : mode === "edit" ? (
          <InlineMessageForm
            action={editMessageAction}
            fields={{ messageId: message.id }}
            label="Edit message"
            submitLabel="Save"
            initialText={message.content}
            onDone={backToReading}
          />
        ) : (
          <MessageContent source={message.content} />
        )}
        {mode !== "edit" && !pending && (
          <div className="mt-1 flex flex-wrap items-center gap-1">
            {!message.deleted && (
              <button type="button" className={actionButton} onClick={() => setMode("reply")}>
                Reply
              </button>
            )}
            {mine && !message.deleted && (
              <>
                <button type="button" className={actionButton} onClick={() => setMode("edit")}>
                  Edit
                </button>
                <DeleteMessageButton messageId={message.id} className={actionButton} />
              </>
            )}
            {received && message.read && !message.deleted && (
              <MarkUnreadButton messageId={message.id} className={actionButton} />
            )}
            {message.edited && !message.deleted && (
              <EditHistoryDialog messageId={message.id} className={actionButton} />
            )}
            {replyCount > 0 && (
              <Link
                href={`/thread/${message.id}`}
                className="rounded px-1.5 py-0.5 text-xs font-medium text-brand-600 hover:bg-brand-50"
              >
                View thread ({replyCount} {replyCount === 1 ? "reply" : "replies"})
              </Link>
            )}
          </div>
        )}
        {mode === "reply" && (
          <InlineMessageForm
            action={replyAction}
            fields={{ parentMessageId: message.id }}
            label="Reply"
            submitLabel="Send reply"
            placeholder="Write a reply…"
            onDone={backToReading}
          />
        )}
      </div>
    </article>
  );
}
