import type { InfiniteData } from "@tanstack/react-query";
import { conversationMessage } from "@/lib/messaging/conversation-message";
import type { ConversationMessage, ConversationPage } from "@/lib/messaging/conversations";
import type { ThreadMessage } from "@/lib/messaging/subthread";
import type { LiveMessage, MessageChanged, ReadChanged } from "./types";

/** A conversation's pages as react-query's infinite query holds them. */
export type Pages = InfiniteData<ConversationPage, number | undefined>;

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

export function mapPages(
  data: Pages,
  change: (m: ConversationMessage) => ConversationMessage,
): Pages {
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
