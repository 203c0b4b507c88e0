import type { QueryClient, QueryKey } from "@tanstack/react-query";
import type { RecentConversation } from "@/lib/messaging/recent-conversations";
import type { ThreadMessage } from "@/lib/messaging/subthread";
import { type ReactionSummary, withReactionChange } from "@/lib/reactions/summary";
import { conversationWithEvent, mapPages, type Pages, threadWithEvent } from "./apply-messages";
import { recentWithEvent } from "./apply-recent";
import { applyRoomEvent } from "./apply-room";
import { applySignals } from "./apply-signals";
import { chatKeys, directoryKeys } from "./query-keys";
import { setInPlace } from "./set-in-place";
import { isSignal } from "./signal-kinds";
import type { LiveEventData, ReactionChanged } from "./types";
import type { LiveViews } from "./views";

/**
 * THE rules of applying a live event to the views: the counts, the conversation, the threads
 * it names, the sidebar's recent conversations. A view the event's payload updates is set
 * in place (no request); one it cannot (no payload, a hard delete, the parent of a reply
 * not loaded) is refetched; a view not held shows nowhere and is left alone.
 */
export function applyToViews(views: LiveViews, event: LiveEventData): void {
  // Signals change no view of messages (lib/live/apply-signals.ts applies them).
  if (event.type === "session.ended" || isSignal(event)) return;
  if (event.counts) views.setCounts(event.counts);
  else if (!event.countsUnchanged) views.refetch(chatKeys.counts);
  const apply = <T>(key: QueryKey, change: (data: T) => T | undefined) => {
    const data = views.get<T>(key);
    if (data === undefined) return; // not held: nothing shows it
    const updated = change(data);
    if (!updated) return views.refetch(key);
    views.replace<T>(key, updated);
  };
  if (event.type === "reaction.changed") {
    applyReaction(views, event);
    return;
  }
  if (event.type === "room.changed") {
    applyRoomEvent(views, event);
    return;
  }
  if (event.type !== "notification.changed") {
    if (event.conversationWith !== undefined) {
      apply<Pages>(chatKeys.conversation(event.conversationWith), (data) =>
        conversationWithEvent(data, event),
      );
    }
    for (const rootId of event.threadRootIds ?? []) {
      apply<ThreadMessage[]>(chatKeys.thread(rootId), (data) => threadWithEvent(data, event));
    }
  }
  apply<RecentConversation[]>(directoryKeys.recent, (data) => recentWithEvent(data, event));
}

/**
 * A reaction, in place wherever the message shows: its reaction bar, the conversation's
 * pages, its thread. Nothing is refetched, and the sidebar's order does not change.
 */
function applyReaction(views: LiveViews, event: ReactionChanged): void {
  const { messageId, ...change } = event.reaction;
  const changed = <M extends { id: number; reactions?: ReactionSummary[] }>(m: M): M =>
    m.id === messageId ? { ...m, reactions: withReactionChange(m.reactions, change) } : m;
  const bar = views.get<ReactionSummary[]>(chatKeys.reactions(messageId));
  if (bar !== undefined) {
    views.replace(chatKeys.reactions(messageId), withReactionChange(bar, change));
  }
  if (event.conversationWith !== undefined) {
    const key = chatKeys.conversation(event.conversationWith);
    const pages = views.get<Pages>(key);
    if (pages !== undefined) views.replace(key, mapPages(pages, changed));
  }
  for (const rootId of event.threadRootIds) {
    const thread = views.get<ThreadMessage[]>(chatKeys.thread(rootId));
    if (thread !== undefined) views.replace(chatKeys.thread(rootId), thread.map(changed));
  }
}

/**
 * Applies a live event to react-query's cached chat views (see applyToViews). Returns the
 * views refetched.
 */
export function applyLiveEvent(
  queryClient: QueryClient,
  event: LiveEventData,
  viewerId: number,
): QueryKey[] {
  applySignals(queryClient, event);
  const refetched: QueryKey[] = [];
  const refetch = (queryKey: QueryKey) => {
    refetched.push(queryKey);
    void queryClient.invalidateQueries({ queryKey });
  };
  applyToViews(
    {
      viewerId,
      get: (key) => queryClient.getQueryData(key),
      replace: (key, data) => {
        if (setInPlace(queryClient, key, data)) refetched.push(key);
      },
      setCounts: (counts) => queryClient.setQueryData(chatKeys.counts, counts),
      refetch,
    },
    event,
  );
  return refetched;
}
