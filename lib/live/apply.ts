import type { InfiniteData, QueryClient, QueryKey } from "@tanstack/react-query";
import { conversationMessage } from "@/lib/messaging/conversation-message";
import type { ConversationMessage, ConversationPage } from "@/lib/messaging/conversations";
import type { RecentConversation } from "@/lib/messaging/recent-conversations";
import type { ThreadMessage } from "@/lib/messaging/subthread";
import { type ReactionSummary, withReactionChange } from "@/lib/reactions/summary";
import { recentWithEvent } from "./apply-recent";
import { applyRoomEvent } from "./apply-room";
import { applySignals } from "./apply-signals";
import { chatKeys, directoryKeys } from "./query-keys";
import { isSignal } from "./signal-kinds";
import type {
  LiveEventData,
  LiveMessage,
  MessageChanged,
  ReactionChanged,
  ReadChanged,
} from "./types";
import type { LiveViews } from "./views";

type Pages = InfiniteData<ConversationPage, number | undefined>;

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
        queryClient.setQueryData(key, data);
        // A fetch already in flight may have read the data before this write: its answer
        // would undo the event, so it is restarted (invalidating cancels it).
        if (queryClient.isFetching({ queryKey: key }) > 0) refetch(key);
      },
      setCounts: (counts) => queryClient.setQueryData(chatKeys.counts, counts),
      refetch,
    },
    event,
  );
  return refetched;
}

/** The conversation's pages with the event applied, or undefined when it cannot be. */
export function conversationWithEvent(
  data: Pages,
  event: MessageChanged | ReadChanged,
): Pages | undefined {
  if (event.type === "read.changed") {
    // Without the new state (a bulk write that changed more): refetched.
    if (event.read === undefined) return undefined;
    const ids = new Set(event.messageIds);
    const read = event.read;
    // A reply's read state shows as its thread's unread-reply count: refetched.
    const shown = data.pages.flatMap((page) => page.messages.filter((m) => ids.has(m.id)));
    if (event.threadRootIds?.length && shown.length < ids.size) return undefined;
    const readAt = event.readAt === undefined ? {} : { readAt: event.readAt };
    return mapPages(data, (m) => (ids.has(m.id) ? { ...m, read, ...readAt } : m));
  }
  const [message, ...others] = event.messages ?? [];
  // Saves are one message each; anything else is refetched.
  if (!message || others.length > 0) return undefined;
  if (message.parentId !== null) {
    // A reply shows in the conversation as its thread's reply count.
    if (event.type !== "message.created") return data;
    const [rootId, ...more] = event.threadRootIds ?? [];
    if (rootId === undefined || more.length > 0) return undefined;
    return mapPages(data, (m) => (m.id === rootId ? withNewReply(m, message) : m));
  }
  const present = data.pages.some((page) => page.messages.some((m) => m.id === message.id));
  if (present) {
    return mapPages(data, (m) =>
      m.id === message.id ? toConversationMessage(keepFiles(message, m), m) : m,
    );
  }
  // An edit of a message older than the pages loaded: nothing on screen changes.
  if (event.type !== "message.created") return data;
  const [newest, ...older] = data.pages;
  if (!newest) return undefined;
  // Our own send's event can beat its answer: the stored message replaces its optimistic
  // copy (a negative id, the same sender and text), never shows beside it.
  const copy = newest.messages.findIndex(
    (m) => m.id < 0 && m.senderId === message.senderId && m.content === message.content,
  );
  const kept = copy < 0 ? newest.messages : newest.messages.filter((_, i) => i !== copy);
  const added = toConversationMessage(message);
  return { ...data, pages: [{ ...newest, messages: [...kept, added] }, ...older] };
}

/** The thread (depth-first, siblings oldest first) with the event applied, or undefined. */
export function threadWithEvent(
  thread: ThreadMessage[],
  event: MessageChanged | ReadChanged,
): ThreadMessage[] | undefined {
  if (event.type === "read.changed") {
    if (event.read === undefined) return undefined;
    const ids = new Set(event.messageIds);
    const read = event.read;
    return thread.map((m) => (ids.has(m.id) ? { ...m, read } : m));
  }
  const [message, ...others] = event.messages ?? [];
  if (!message || others.length > 0) return undefined;
  const at = thread.findIndex((m) => m.id === message.id);
  if (at >= 0) {
    return thread.map((m) =>
      m.id === message.id
        ? { ...toThreadMessage(keepFiles(message, m), m.depth), ...kept(message, m) }
        : m,
    );
  }
  if (event.type !== "message.created" || message.parentId === null) return undefined;
  const parentAt = thread.findIndex((m) => m.id === message.parentId);
  const parent = thread[parentAt];
  if (!parent) return undefined;
  // The newest reply goes last under its parent: after the parent's whole subtree.
  let end = parentAt + 1;
  while (end < thread.length && (thread[end] as ThreadMessage).depth > parent.depth) end++;
  const reply = toThreadMessage(message, parent.depth + 1);
  return [...thread.slice(0, end), reply, ...thread.slice(end)];
}

function mapPages(data: Pages, change: (m: ConversationMessage) => ConversationMessage): Pages {
  return {
    ...data,
    pages: data.pages.map((page) => ({ ...page, messages: page.messages.map(change) })),
  };
}

function view(m: LiveMessage) {
  const { id, senderId, senderName, receiverId, content, createdAt, attachments } = m;
  return { id, senderId, senderName, receiverId, content, createdAt, attachments };
}

/** A thread's root with one more reply, unread by the reply's receiver unless created read. */
function withNewReply(root: ConversationMessage, reply: LiveMessage): ConversationMessage {
  const counted = { ...root, replyCount: root.replyCount + 1 };
  if (reply.read) return counted;
  return reply.receiverId === root.senderId
    ? { ...counted, unreadRepliesToSender: root.unreadRepliesToSender + 1 }
    : { ...counted, unreadRepliesToReceiver: root.unreadRepliesToReceiver + 1 };
}

/** An edit's event carries no attachments: an edit keeps those shown (a deletion hides them). */
function keepFiles(m: LiveMessage, shown: { attachments?: LiveMessage["attachments"] }) {
  return m.attachments || !shown.attachments ? m : { ...m, attachments: shown.attachments };
}

/** The message as the conversation shows it, keeping the thread counts it had (if any). */
function toConversationMessage(
  m: LiveMessage,
  shown?: Pick<
    ConversationMessage,
    "replyCount" | "unreadRepliesToSender" | "unreadRepliesToReceiver" | "reactions" | "readAt"
  >,
): ConversationMessage {
  return { ...conversationMessage(m, shown), ...kept(m, shown) };
}

/** What a live message leaves as it was: its reactions (gone with a deletion), its read time. */
function kept(m: LiveMessage, shown?: Pick<ConversationMessage, "reactions" | "readAt">) {
  return {
    ...(shown?.reactions ? { reactions: m.deleted ? [] : shown.reactions } : {}),
    ...(shown?.readAt !== undefined ? { readAt: m.read ? shown.readAt : null } : {}),
  };
}

function toThreadMessage(m: LiveMessage, depth: number): ThreadMessage {
  return {
    ...view(m),
    edited: m.edited,
    read: m.read,
    deleted: m.deleted,
    parentId: m.parentId,
    depth,
  };
}
