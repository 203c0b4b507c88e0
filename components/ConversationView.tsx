"use client";

import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from "@tanstack/react-query";
import { Fragment, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { ConversationMessage, ConversationPage } from "@/lib/conversations";
import type { FormAction } from "@/lib/form-state";
import { unreadReceivedIds } from "@/lib/unread";
import { Composer } from "./Composer";
import { ApiError, chatKeys, fetchConversationPage, postMessage } from "./chat-api";
import { MarkSeen } from "./MarkSeen";
import { MessageItem } from "./MessageItem";
import { newSendKey } from "./send-key";

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
 * The live conversation: newest 50 first with "Load older" above, the "New messages"
 * divider, and optimistic sending. The server renders the first page; react-query keeps it
 * fresh when the live stream says something changed.
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

  // The divider stays where the unread messages began when the page opened.
  const [firstUnreadId] = useState(() => unreadReceivedIds(firstPage.messages, viewer.id)[0]);

  const send = useMutation({
    mutationFn: ({ content, sendKey }: { content: string; sendKey: string }) =>
      postMessage(otherId, content, sendKey),
    // A lost answer or a server gone behind the load balancer: the same key again is safe.
    retry: (failures, error) =>
      failures < 3 && error instanceof ApiError && (error.status === 0 || error.status >= 502),
    onMutate: async ({ content }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const pending: ShownMessage = {
        id: -Date.now(),
        senderId: viewer.id,
        senderName: viewer.name,
        receiverId: otherId,
        content,
        createdAt: Date.now(),
        edited: false,
        editedAt: null,
        read: otherId === viewer.id,
        deleted: false,
        replyCount: 0,
        pending: true,
      };
      queryClient.setQueryData<Pages>(key, (data) => data && withNewest(data, [pending]));
      return { pendingId: pending.id };
    },
    onError: (_error, _variables, context) => {
      queryClient.setQueryData<Pages>(key, (data) => data && without(data, context?.pendingId));
    },
    onSuccess: (sent, _variables, context) => {
      queryClient.setQueryData<Pages>(
        key,
        (data) =>
          data &&
          withNewest(without(data, context?.pendingId), [
            {
              ...sent,
              senderName: viewer.name,
              edited: false,
              editedAt: null,
              read: sent.receiverId === viewer.id,
              deleted: false,
              replyCount: 0,
            },
          ]),
      );
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });

  const scroller = useRef<HTMLElement>(null);
  const keepScroll = useRef<{ height: number; top: number } | null>(null);
  const nearBottom = useRef(true);
  const newest = messages.at(-1);
  const shape = `${messages.length}:${newest?.id}`;
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || !shape) return;
    if (keepScroll.current) {
      // Older messages went in above: keep the ones being read where they were.
      element.scrollTop = element.scrollHeight - keepScroll.current.height + keepScroll.current.top;
      keepScroll.current = null;
    } else if (nearBottom.current || newest?.senderId === viewer.id) {
      // Follow new messages, unless the reader has scrolled up to read history.
      element.scrollTop = element.scrollHeight;
    }
  }, [shape, newest?.senderId, viewer.id]);

  function trackScroll() {
    const element = scroller.current;
    if (element) {
      nearBottom.current = element.scrollHeight - element.scrollTop - element.clientHeight < 120;
    }
  }

  function loadOlder() {
    const element = scroller.current;
    if (element) keepScroll.current = { height: element.scrollHeight, top: element.scrollTop };
    void query.fetchNextPage();
  }

  const sendError =
    send.error instanceof ApiError
      ? send.error.message
      : send.error
        ? "Sending failed. Try again."
        : undefined;
  return (
    <>
      <section
        ref={scroller}
        aria-label="Messages"
        aria-busy={query.isFetching}
        onScroll={trackScroll}
        className="flex max-h-[calc(100dvh-15rem)] min-h-48 flex-1 flex-col gap-1 overflow-y-auto rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200"
      >
        {query.hasNextPage && (
          <button
            type="button"
            onClick={loadOlder}
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
          messages.map((message) => (
            <Fragment key={message.id}>
              {message.id === firstUnreadId && (
                <div className="relative my-3">
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
                pending={message.pending}
              />
            </Fragment>
          ))
        )}
        <MarkSeen messageIds={unreadReceivedIds(messages, viewer.id)} />
      </section>
      <Composer
        action={sendAction}
        receiverId={otherId}
        formSendKey={formSendKey}
        onSend={(content) =>
          send.mutateAsync({ content, sendKey: newSendKey() }).then(() => undefined)
        }
        error={sendError}
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
