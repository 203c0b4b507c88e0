"use client";

import { Fragment, useCallback, useLayoutEffect, useRef, useState } from "react";
import type { ConversationMessage } from "@/lib/messaging/conversations";
import { isUnreadInRoom } from "@/lib/unread/rule";
import { focusComposer } from "./Composer";
import { MessageItem } from "./MessageItem";
import { useLiveRoom } from "./useLiveRoom";
import { useRovingFocus } from "./useRovingFocus";

interface RoomTimelineProps {
  roomId: number;
  viewerId: number;
  /** Whether the viewer is a member: a member's read position follows what is shown. */
  member: boolean;
  /** The room's newest messages as the server rendered them, oldest first (kept live). */
  messages: ConversationMessage[];
  /** Whether older messages than those rendered exist ("Load older"). */
  hasOlder: boolean;
  /** The viewer's read position when the page was rendered; null for a non-member. */
  readPosition: number | null;
}

/**
 * A room's messages as a conversation shows them: opening at the "New messages" divider
 * above the first message unread when the room was opened, and "Jump to latest" when
 * scrolled up as messages arrive. The divider stays where it was opened: the read position
 * moves as the room is read, the divider does not.
 */
export function RoomTimeline({
  roomId,
  viewerId,
  member,
  messages: rendered,
  hasOlder: renderedHasOlder,
  readPosition,
}: RoomTimelineProps) {
  const { messages, hasOlder, loadingOlder, olderError, loadOlder } = useLiveRoom(
    roomId,
    rendered,
    member,
    renderedHasOlder,
  );
  const [positionWhenOpened] = useState(readPosition);
  const firstUnreadId =
    positionWhenOpened === null
      ? undefined
      : messages.find((m) => isUnreadInRoom(m, viewerId, positionWhenOpened))?.id;

  const scroller = useRef<HTMLElement>(null);
  useRovingFocus(scroller);
  const divider = useRef<HTMLDivElement>(null);
  const keepScroll = useRef<{ height: number; top: number } | null>(null);
  const opened = useRef(false);
  const nearBottom = useRef(true);
  const [atBottom, setAtBottom] = useState(true);
  // The newest message when the reader scrolled up: what came after it is "new".
  const [newestWhenScrolledUp, setNewestWhenScrolledUp] = useState<number | null>(null);
  const newest = messages.at(-1);
  const shape = `${messages.length}:${newest?.id}`;
  const messagesRef = useRef(messages);
  messagesRef.current = messages;
  const trackScroll = useCallback(() => {
    const element = scroller.current;
    if (!element) return;
    const isNear = element.scrollHeight - element.scrollTop - element.clientHeight < 120;
    nearBottom.current = isNear;
    setAtBottom(isNear);
    setNewestWhenScrolledUp((current) =>
      isNear ? null : (current ?? messagesRef.current.at(-1)?.id ?? null),
    );
  }, []);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || !shape) return;
    if (!opened.current) {
      opened.current = true;
      // Open where the reader left off: a linked message, else the first unread one.
      const linked = window.location.hash.startsWith("#message-")
        ? document.getElementById(window.location.hash.slice(1))
        : null;
      const target = linked ?? divider.current;
      if (target) {
        element.scrollTop +=
          target.getBoundingClientRect().top - element.getBoundingClientRect().top - 8;
      } else {
        element.scrollTop = element.scrollHeight;
      }
      trackScroll();
    } else if (keepScroll.current) {
      // Older messages went in above: keep the ones being read where they were.
      element.scrollTop = element.scrollHeight - keepScroll.current.height + keepScroll.current.top;
      keepScroll.current = null;
    } else if (nearBottom.current || newest?.senderId === viewerId) {
      // Follow new messages, unless the reader has scrolled up to read history.
      element.scrollTop = element.scrollHeight;
      trackScroll();
    }
  }, [shape, newest?.senderId, viewerId, trackScroll]);

  // The box shrinks when the composer appears (on joining) or grows: a reader at the bottom
  // stays there.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => {
      if (nearBottom.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  function jumpToLatest() {
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
    trackScroll();
    focusComposer();
  }

  function loadOlderAbove() {
    const element = scroller.current;
    if (element) keepScroll.current = { height: element.scrollHeight, top: element.scrollTop };
    void loadOlder();
  }

  const arrivedSince = messages.findIndex((m) => m.id === newestWhenScrolledUp);
  const newSinceScrolledUp =
    atBottom || newestWhenScrolledUp === null || arrivedSince < 0
      ? 0
      : messages.slice(arrivedSince + 1).filter((m) => m.senderId !== viewerId).length;

  return (
    <section
      ref={scroller}
      aria-label="Messages"
      onScroll={trackScroll}
      className="flex min-h-24 flex-1 flex-col gap-0.5 overflow-y-auto rounded-xl bg-white p-2 shadow-sm ring-1 ring-slate-200 sm:p-3"
    >
      {hasOlder && (
        <button
          type="button"
          onClick={loadOlderAbove}
          disabled={loadingOlder}
          className="mx-auto mb-2 rounded-full px-3 py-1 text-sm font-medium text-brand-700 ring-1 ring-brand-200 hover:bg-brand-50 disabled:opacity-60"
        >
          {loadingOlder ? "Loading older messages…" : "Load older"}
        </button>
      )}
      {olderError && (
        <p role="alert" className="text-center text-sm text-amber-700">
          {olderError}
        </p>
      )}
      {messages.length === 0 ? (
        <p className="m-auto text-center text-slate-600">No messages yet.</p>
      ) : (
        messages.map((message) => (
          <Fragment key={message.id}>
            {message.id === firstUnreadId && (
              <div ref={divider} className="relative my-3">
                <hr aria-label="New messages" className="border-red-300" />
                <span
                  aria-hidden="true"
                  className="absolute inset-x-0 -top-2 mx-auto w-fit bg-white px-2 text-xs font-semibold text-red-600"
                >
                  New messages
                </span>
              </div>
            )}
            <MessageItem message={message} viewerId={viewerId} replyCount={message.replyCount} />
          </Fragment>
        ))
      )}
      {newSinceScrolledUp > 0 && (
        <button
          type="button"
          onClick={jumpToLatest}
          className="sticky bottom-1 z-20 mt-2 self-center rounded-full bg-brand-600 px-4 py-1.5 text-sm font-medium text-white shadow-lg hover:bg-brand-700"
        >
          Jump to latest ({newSinceScrolledUp} new)
        </button>
      )}
    </section>
  );
}
