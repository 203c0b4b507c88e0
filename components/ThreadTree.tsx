"use client";

import Link from "next/link";
import type { KeyboardEvent } from "react";
import { type ThreadMessage, VISIBLE_DEPTH } from "@/lib/messaging/subthread";
import { unreadReceivedIds } from "@/lib/unread/rule";
import { MarkSeen } from "./MarkSeen";
import { MessageItem } from "./MessageItem";

/**
 * Indentation by depth, 1.25 rem a level, as whole class names: an inline `style` attribute
 * would be refused by the Content-Security-Policy (no 'unsafe-inline' styles).
 */
const INDENT = [
  "ml-0",
  "ml-5",
  "ml-10",
  "ml-15",
  "ml-20",
  "ml-25",
  "ml-30",
  "ml-35",
  "ml-40",
] as const;

/**
 * A thread as an ARIA tree: the root and every reply are treeitems whose aria-level is
 * depth + 1, indented under their parent, each with its own Reply button. Arrow keys, Home
 * and End move between items (one tab stop for the whole tree).
 */
export function ThreadTree({
  messages,
  viewerId,
  highlightId,
  onReply,
}: {
  messages: ThreadMessage[];
  viewerId: number;
  highlightId: number;
  onReply?: (messageId: number) => void;
}) {
  const hasChildren = new Set(messages.map((message) => message.parentId));
  const visible = messages.filter((message) => message.depth <= VISIBLE_DEPTH);
  const tabStop = visible.some((m) => m.id === highlightId) ? highlightId : visible[0]?.id;
  return (
    <div
      role="tree"
      aria-label="Thread"
      tabIndex={-1}
      onKeyDown={moveFocus}
      className="flex flex-col gap-1 rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200"
    >
      {visible.map((message) => (
        <div
          key={message.id}
          role="treeitem"
          aria-level={message.depth + 1}
          aria-selected={message.id === highlightId}
          tabIndex={message.id === tabStop ? 0 : -1}
          className={`rounded-lg ${INDENT[Math.min(message.depth, VISIBLE_DEPTH)] ?? INDENT[8]} ${message.depth > 0 ? "border-l-2 border-slate-200 pl-2" : ""} ${
            message.id === highlightId ? "bg-brand-50" : ""
          }`}
        >
          <MessageItem message={message} viewerId={viewerId} onReply={onReply} />
          {message.depth === VISIBLE_DEPTH && hasChildren.has(message.id) && (
            <Link
              href={`/thread/${message.id}?branch=1`}
              className="ml-12 text-sm font-medium text-brand-600 hover:underline"
            >
              Continue this thread
            </Link>
          )}
        </div>
      ))}
      <MarkSeen messageIds={unreadReceivedIds(visible, viewerId)} />
    </div>
  );
}

function moveFocus(event: KeyboardEvent<HTMLDivElement>) {
  const item = event.target as HTMLElement;
  if (item.getAttribute("role") !== "treeitem") return;
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="treeitem"]')];
  const index = items.indexOf(item);
  const target = {
    ArrowDown: items[index + 1],
    ArrowUp: items[index - 1],
    Home: items[0],
    End: items.at(-1),
  }[event.key];
  if (!target) return;
  event.preventDefault();
  item.tabIndex = -1;
  target.tabIndex = 0;
  target.focus();
}
