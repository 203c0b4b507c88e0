"use client";

import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from "@tanstack/react-query";
import { Fragment, useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import { chatKeys } from "@/lib/live/query-keys";
import { conversationMessage } from "@/lib/messaging/conversation-message";
import type { ConversationMessage, ConversationPage } from "@/lib/messaging/conversations";
import { continuesGroup, dayKey, dayLabel } from "@/lib/messaging/timeline";
import type { FormAction } from "@/lib/platform/form-state";
import { unreadReceivedIds, unreadRepliesFor } from "@/lib/unread/rule";
import { Composer, focusComposer } from "./Composer";
import { errorMessage, fetchConversationPage, postMessage, retryLostSend } from "./chat-api";
import { liveConnected } from "./live-connection";
import { MarkSeen } from "./MarkSeen";
import { MessageItem } from "./MessageItem";
import { SeenStatus } from "./SeenStatus";
import { newSendKey } from "./send-key";
import { useHydrated } from "./useHydrated";
import { useNow } from "./useNow";
import { useRovingFocus } from "./useRovingFocus";

type Pages = InfiniteData<ConversationPage, number | undefined>;
export type ShownMessage = ConversationMessage & { pending?: boolean };

interface ConversationViewProps {
  viewer: { id: number; name: string };
  otherId: number;
  firstPage: ConversationPage;
  sendAction: FormAction;
  /** The idempotency key of the form's send before JavaScript runs (one per page render). */
  formSendKey: string;
}

/**
 * The live conversation as a dense timeline (grouped senders, day separators): newest 50
 * first with "Load older" above, opening at the "New messages" divider, "Jump to latest"
 * when scrolled up as messages arrive, and optimistic sending. The server renders the first
 * page; react-query keeps it fresh when the live stream says something changed.
 */
export function ConversationView({
  viewer,
  otherId,
  firstPage,
  sendAction,
  formSendKey,
}: ConversationViewProps) {
  const queryClient = useQueryClient();
  const key = chatKeys.conversation(otherId);
  const query = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => fetchConversationPage(otherId, pageParam),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page) => (page.hasOlder ? page.messages[0]?.id : undefined),
    initialData: { pages: [firstPage], pageParams: [undefined] },
  });
  const messages = useMemo(() => oldestFirst(query.data.pages), [query.data.pages]);

  // The divider stays where the unread messages began when the page opened, also once older
  // pages (which may hold earlier unread messages) come in: what was unread when first
  // loaded is remembered, even after it has been read on screen.
  const unreadWhenLoaded = useUnreadWhenLoaded(messages, viewer.id);
  const firstUnreadId = messages.find((m) => unreadWhenLoaded.has(m.id))?.id;
  // "Seen" under the newest of ours the other has read (the server leaves `read` false
  // unless both send read receipts).
  const seenId =
    otherId === viewer.id
      ? undefined
      : messages.findLast((m) => m.senderId === viewer.id && m.read)?.id;

  const send = useMutation({
    mutationFn: ({
      content,
      sendKey,
      attachmentIds = [],
    }: {
      content: string;
      sendKey: string;
      attachmentIds?: number[];
    }) => postMessage({ receiverId: otherId }, content, sendKey, attachmentIds),
    retry: retryLostSend,
    onMutate: async ({ content }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const pending: ShownMessage = {
        ...conversationMessage({
          id: -Date.now(),
          senderId: viewer.id,
          senderName: viewer.name,
          receiverId: otherId,
          content,
          createdAt: Date.now(),
          read: otherId === viewer.id,
        }),
        pending: true,
      };
      queryClient.setQueryData<Pages>(key, (data) => data && withNewest(data, [pending]));
      return { pendingId: pending.id };
    },
    onError: (_error, _variables, context) => {
      queryClient.setQueryData<Pages>(key, (data) => data && without(data, context?.pendingId));
    },
    onSuccess: (sent, variables, context) => {
      queryClient.setQueryData<Pages>(
        key,
        (data) =>
          data &&
          withNewest(without(data, context?.pendingId), [
            conversationMessage({
              ...sent,
              senderName: viewer.name,
              read: sent.receiverId === viewer.id,
            }),
          ]),
      );
      // The send's live event already brought the stored message, with its thread counts
      // (and its attachments); without it the page is read again.
      if (!liveConnected() || variables.attachmentIds?.length) {
        void queryClient.invalidateQueries({ queryKey: key });
      }
    },
  });

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
      isNear ? null : (current ?? messagesRef.current.findLast((m) => m.id > 0)?.id ?? null),
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
    } else if (nearBottom.current || newest?.senderId === viewer.id) {
      // Follow new messages, unless the reader has scrolled up to read history.
      element.scrollTop = element.scrollHeight;
      trackScroll();
    }
  }, [shape, newest?.senderId, viewer.id, trackScroll]);

  function jumpToLatest() {
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
    trackScroll();
    focusComposer();
  }

  async function loadOlder() {
    const element = scroller.current;
    if (element) keepScroll.current = { height: element.scrollHeight, top: element.scrollTop };
    const loaded = query.data.pages.length;
    let result = await query.fetchNextPage();
    // A refetch of the loaded pages (after messages were marked read) cancels a page load
    // in flight: once it is done, ask for the older page again.
    for (let tries = 0; tries < 3 && result.hasNextPage; tries++) {
      if ((result.data?.pages.length ?? 0) > loaded) break;
      result = await query.fetchNextPage({ cancelRefetch: false });
    }
  }

  const arrivedSince = messages.findIndex((m) => m.id === newestWhenScrolledUp);
  const newSinceScrolledUp =
    atBottom || newestWhenScrolledUp === null || arrivedSince < 0
      ? 0
      : messages.slice(arrivedSince + 1).filter((m) => m.senderId !== viewer.id).length;

  // Up arrow in the empty composer edits the viewer's last message; when the edit ends,
  // focus goes back to the composer.
  const [editingId, setEditingId] = useState<number | null>(null);
  const editLast = useCallback(() => {
    const last = messages.findLast((m) => m.senderId === viewer.id && !m.deleted && m.id > 0);
    if (!last) return false;
    setEditingId(last.id);
    document.getElementById(`message-${last.id}`)?.scrollIntoView({ block: "nearest" });
    return true;
  }, [messages, viewer.id]);
  const editingChange = useCallback((id: number, editing: boolean) => {
    setEditingId(editing ? id : null);
    if (!editing) focusComposer();
  }, []);

  const hydrated = useHydrated();
  const timeZone = hydrated ? undefined : "UTC";
  const now = useNow();

  const sendError = errorMessage(send.error);
  return (
    <>
      <section
        ref={scroller}
        aria-label="Messages"
        aria-busy={query.isFetching}
        onScroll={trackScroll}
        className="flex min-h-24 flex-1 flex-col gap-1 overflow-y-auto rounded-xl bg-white p-2 shadow-sm ring-1 ring-slate-200 sm:p-3"
      >
        {query.hasNextPage && (
          <button
            type="button"
            onClick={() => void loadOlder()}
            disabled={query.isFetchingNextPage}
            className="mx-auto mb-2 rounded-full px-3 py-1 text-sm font-medium text-brand-700 ring-1 ring-brand-200 hover:bg-brand-50 disabled:opacity-60"
          >
            {query.isFetchingNextPage ? "Loading older messages…" : "Load older"}
          </button>
        )}
        {query.isError && (
          <p role="status" className="text-center text-sm text-amber-700">
            Could not refresh the conversation. Retrying…
          </p>
        )}
        {messages.length === 0 ? (
          <p className="m-auto text-center text-slate-500">No messages yet. Say hello!</p>
        ) : (
          messages.map((message, index) => {
            const previous = messages[index - 1];
            const newDay =
              !previous ||
              dayKey(previous.createdAt, timeZone) !== dayKey(message.createdAt, timeZone);
            const isFirstUnread = message.id === firstUnreadId;
            return (
              <Fragment key={message.id}>
                {newDay && (
                  <div className="my-2 flex items-center gap-3 text-xs font-semibold text-slate-500">
                    <span aria-hidden="true" className="h-px flex-1 bg-slate-200" />
                    <span suppressHydrationWarning>
                      {dayLabel(message.createdAt, now, timeZone)}
                    </span>
                    <span aria-hidden="true" className="h-px flex-1 bg-slate-200" />
                  </div>
                )}
                {isFirstUnread && (
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
                <MessageItem
                  message={message}
                  viewerId={viewer.id}
                  replyCount={message.replyCount}
                  unreadReplies={unreadRepliesFor(message, viewer.id)}
                  pending={message.pending}
                  grouped={!newDay && !isFirstUnread && continuesGroup(previous, message, timeZone)}
                  editing={editingId === message.id}
                  onEditingChange={(editing) => editingChange(message.id, editing)}
                />
                {message.id === seenId && <SeenStatus readAt={message.readAt} />}
              </Fragment>
            );
          })
        )}
        <MarkSeen messageIds={unreadReceivedIds(messages, viewer.id)} />
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
      <Composer
        action={sendAction}
        place={{ receiverId: otherId }}
        formSendKey={formSendKey}
        onSend={(content, attachmentIds) =>
          send.mutateAsync({ content, sendKey: newSendKey(), attachmentIds }).then(() => undefined)
        }
        error={sendError}
        onEditLast={editLast}
      />
    </>
  );
}

/** Pages come newest first; the view shows one list, oldest first, without duplicates. */
function oldestFirst(pages: ConversationPage[]): ShownMessage[] {
  const seen = new Set<number>();
  const list: ShownMessage[] = [];
  for (const page of [...pages].reverse()) {
    for (const message of page.messages) {
      if (seen.has(message.id)) continue;
      seen.add(message.id);
      list.push(message);
    }
  }
  return list;
}

function withNewest(data: Pages, added: ShownMessage[]): Pages {
  const [newest, ...older] = data.pages;
  if (!newest) return data;
  return { ...data, pages: [{ ...newest, messages: [...newest.messages, ...added] }, ...older] };
}

function without(data: Pages, id: number | undefined): Pages {
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      messages: page.messages.filter((m) => m.id !== id),
    })),
  };
}

/**
 * The ids of the messages that were unread for the viewer when they were first loaded
 * (the first page, then each older page): the "New messages" divider goes above the oldest.
 * Messages that arrive later, live, are not added: the divider marks where reading resumed.
 */
function useUnreadWhenLoaded(messages: ShownMessage[], viewerId: number): Set<number> {
  const [state] = useState(() => ({
    unread: new Set(unreadReceivedIds(messages, viewerId)),
    oldestLoaded: messages[0]?.id,
    oldestCreatedAt: messages[0]?.createdAt ?? Number.POSITIVE_INFINITY,
  }));
  const oldest = messages[0];
  if (oldest && oldest.id !== state.oldestLoaded && oldest.createdAt <= state.oldestCreatedAt) {
    for (const message of messages) {
      if (message.createdAt > state.oldestCreatedAt) break;
      if (message.id !== state.oldestLoaded && unreadReceivedIds([message], viewerId).length > 0) {
        state.unread.add(message.id);
      }
    }
    state.oldestLoaded = oldest.id;
    state.oldestCreatedAt = oldest.createdAt;
  }
  return state.unread;
}
