"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { editMessageAction, replyAction } from "@/lib/actions/chat";
import { editableText } from "@/lib/mentions/editable";
import type { MessageView } from "@/lib/messaging/conversations";
import { AttachmentList } from "./AttachmentList";
import { Avatar } from "./Avatar";
import { DeleteMessageButton } from "./DeleteMessageButton";
import { EditHistoryDialog } from "./EditHistoryDialog";
import { InlineMessageForm } from "./InlineMessageForm";
import { MarkUnreadButton } from "./MarkUnreadButton";
import { MessageContent } from "./MessageContent";
import { useMessageReactions } from "./MessageReactions";
import { MessageTime } from "./MessageTime";
import { ViewerIdContext } from "./viewer-context";

const actionButton =
  "rounded px-1.5 py-0.5 text-xs font-medium text-slate-600 hover:bg-slate-200 hover:text-slate-900";

/**
 * The message actions show on hover and keyboard focus; on touch screens (no hover there) a
 * tap on the message opens them as a menu (app/globals.css). Hidden by opacity only: they
 * stay in the accessibility tree and the tab order. Hovering the toolbar hovers its message,
 * so an invisible toolbar never swallows a click meant for something else.
 */
const toolbar =
  "absolute top-0 right-2 z-10 flex flex-wrap items-center gap-1 rounded-lg bg-white px-1 py-0.5 opacity-0 shadow-sm ring-1 ring-slate-200 transition-opacity group-hover:opacity-100 group-focus-within:opacity-100";

/** What a tap can mean by itself; a tap anywhere else on a message opens its actions. */
const INTERACTIVE = "a, button, input, textarea, select, label, dialog, form, [data-toolbar]";

/** On a touch screen, a tap on a message toggles its actions; a tap elsewhere closes them. */
function useTapActions(articleId: string) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    const close = (event: PointerEvent) => {
      const article = document.getElementById(articleId);
      if (!article?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", close);
    return () => document.removeEventListener("pointerdown", close);
  }, [open, articleId]);
  const onClick = useCallback((event: React.MouseEvent) => {
    if (!window.matchMedia("(hover: none)").matches) return;
    if ((event.target as Element).closest(INTERACTIVE)) return;
    // Selecting text is not a tap.
    if (window.getSelection()?.toString()) return;
    setOpen((was) => !was);
  }, []);
  return { open, onClick };
}

interface MessageItemProps {
  message: MessageView;
  viewerId: number;
  /** In a conversation: the size of the message's thread, for the "View thread" link. */
  replyCount?: number;
  /** Of those replies, how many the viewer has not read yet. */
  unreadReplies?: number;
  /** Sent optimistically, not yet confirmed by the server. */
  pending?: boolean;
  /** Continues the previous message's group: no avatar or visible name, a compact time. */
  grouped?: boolean;
  /** Editing, when the parent decides it (Up arrow in the composer); else the item does. */
  editing?: boolean;
  onEditingChange?: (editing: boolean) => void;
  /** Where "Reply" writes: the page's own reply box (a thread), else a form in place. */
  onReply?: (messageId: number) => void;
}

export function MessageItem({
  message,
  viewerId,
  replyCount = 0,
  unreadReplies = 0,
  pending = false,
  grouped = false,
  editing: controlledEditing,
  onEditingChange,
  onReply,
}: MessageItemProps) {
  const mine = message.senderId === viewerId;
  const received = message.receiverId === viewerId && !mine;
  const [localEditing, setLocalEditing] = useState(false);
  const editing = controlledEditing ?? localEditing;
  const setEditing = onEditingChange ?? setLocalEditing;
  const [replying, setReplying] = useState(false);
  const stopEditing = useCallback(() => setEditing(false), [setEditing]);
  const stopReplying = useCallback(() => setReplying(false), []);
  const headingId = `message-${message.id}-sender`;
  const actions = useTapActions(`message-${message.id}`);
  const reactions = useMessageReactions(message.id, message.reactions, viewerId);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the tap only shows what focus already shows (the actions)
    <article
      id={`message-${message.id}`}
      aria-labelledby={headingId}
      data-actions={actions.open ? "open" : undefined}
      onClick={actions.onClick}
      aria-busy={pending || undefined}
      data-grouped={grouped}
      className={`group relative flex gap-2 rounded-lg px-2 hover:bg-slate-50 focus-within:bg-slate-50 ${
        grouped ? "py-0.5" : "mt-1 pt-1.5 pb-0.5"
      } ${pending ? "opacity-60" : ""}`}
    >
      <div className="flex w-8 shrink-0 justify-center">
        {grouped ? (
          <MessageTime
            ms={message.createdAt}
            className="mt-1 text-[0.65rem] opacity-0 group-hover:opacity-100 group-focus-within:opacity-100"
          />
        ) : (
          <span className="mt-0.5">
            <Avatar name={message.senderName} size="sm" />
          </span>
        )}
      </div>
      <div className="min-w-0 flex-1">
        <header
          className={grouped ? "sr-only" : "flex flex-wrap items-baseline gap-x-2 leading-tight"}
        >
          <span id={headingId} className={`font-semibold ${mine ? "text-brand-700" : ""}`}>
            <bdi>{message.senderName}</bdi>
          </span>
          {!grouped && <MessageTime ms={message.createdAt} />}
        </header>
        {message.deleted ? (
          <p className="italic text-slate-500">This message was deleted</p>
        ) : editing ? (
          <InlineMessageForm
            action={editMessageAction}
            fields={{ messageId: message.id }}
            label="Edit message"
            submitLabel="Save"
            initialText={editableText(message.content)}
            onDone={stopEditing}
          />
        ) : (
          <div className="message-body break-words">
            <ViewerIdContext value={viewerId}>
              <MessageContent source={message.content} />
            </ViewerIdContext>
            {message.edited && <span className="ml-1 text-xs text-slate-500">(edited)</span>}
            {pending && <span className="ml-1 text-xs text-slate-500">Sending…</span>}
            {message.attachments && <AttachmentList attachments={message.attachments} />}
          </div>
        )}
        {!message.deleted && !editing && reactions.bar}
        {replyCount > 0 && !editing && (
          <Link
            href={`/thread/${message.id}`}
            className="mt-0.5 inline-flex items-center gap-1.5 rounded px-1.5 py-0.5 text-xs font-medium text-brand-600 hover:bg-brand-50"
          >
            View thread ({replyCount} {replyCount === 1 ? "reply" : "replies"})
            {unreadReplies > 0 && (
              <span className="rounded-full bg-brand-600 px-1.5 text-white">
                {unreadReplies} new {unreadReplies === 1 ? "reply" : "replies"}
              </span>
            )}
          </Link>
        )}
        {replying && (
          <InlineMessageForm
            action={replyAction}
            fields={{ parentMessageId: message.id }}
            label="Reply"
            submitLabel="Send reply"
            placeholder="Write a reply…"
            onDone={stopReplying}
          />
        )}
        {!editing && !pending && (
          <div className={toolbar} data-toolbar>
            {!message.deleted && (
              <button
                type="button"
                className={actionButton}
                onClick={() => (onReply ? onReply(message.id) : setReplying(true))}
              >
                Reply
              </button>
            )}
            {!message.deleted && reactions.addButton(actionButton)}
            {mine && !message.deleted && (
              <>
                <button type="button" className={actionButton} onClick={() => setEditing(true)}>
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
          </div>
        )}
      </div>
      {/* Where the message ends: it counts as read once this has been on screen. */}
      <span
        id={`message-${message.id}-end`}
        aria-hidden="true"
        className="absolute bottom-0 h-px w-px"
      />
    </article>
  );
}
