"use client";

import { useState } from "react";
import type { ConversationMessage } from "@/lib/conversations";
import { Avatar } from "./Avatar";
import { DeleteMessageButton } from "./DeleteMessageButton";
import { EditHistoryDialog } from "./EditHistoryDialog";
import { MessageEditor } from "./MessageEditor";
import { Timestamp } from "./Timestamp";

const actionButton =
  "rounded px-1.5 py-0.5 text-xs font-medium text-slate-600 hover:bg-slate-200 hover:text-slate-900";

export function MessageItem({ message, mine }: { message: ConversationMessage; mine: boolean }) {
  const [editing, setEditing] = useState(false);
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
        ) : editing ? (
          <MessageEditor message={message} onDone={() => setEditing(false)} />
        ) : (
          <p className="whitespace-pre-wrap break-words">{message.content}</p>
        )}
        {!message.deleted && !editing && (
          <div className="mt-1 flex flex-wrap items-center gap-1">
            {mine && (
              <button type="button" className={actionButton} onClick={() => setEditing(true)}>
                Edit
              </button>
            )}
            {mine && <DeleteMessageButton messageId={message.id} className={actionButton} />}
            {message.edited && (
              <EditHistoryDialog messageId={message.id} className={actionButton} />
            )}
          </div>
        )}
      </div>
    </article>
  );
}
