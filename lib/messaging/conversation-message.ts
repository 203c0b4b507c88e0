import type { ConversationMessage } from "./conversations";

type Shown = Pick<
  ConversationMessage,
  "id" | "senderId" | "senderName" | "receiverId" | "content" | "createdAt" | "read"
> &
  Partial<Pick<ConversationMessage, "edited" | "editedAt" | "deleted" | "attachments">>;

type ThreadCounts = Pick<
  ConversationMessage,
  "replyCount" | "unreadRepliesToSender" | "unreadRepliesToReceiver"
>;

/**
 * A message as the browser's conversation view holds it: the one literal every client path
 * builds (a send waiting for its answer, the stored send, a live event's message). A new
 * message is unedited, not deleted and without replies unless told otherwise.
 */
export function conversationMessage(message: Shown, thread?: ThreadCounts): ConversationMessage {
  return {
    id: message.id,
    senderId: message.senderId,
    senderName: message.senderName,
    receiverId: message.receiverId,
    content: message.content,
    createdAt: message.createdAt,
    edited: message.edited ?? false,
    editedAt: message.editedAt ?? null,
    read: message.read,
    deleted: message.deleted ?? false,
    replyCount: thread?.replyCount ?? 0,
    unreadRepliesToSender: thread?.unreadRepliesToSender ?? 0,
    unreadRepliesToReceiver: thread?.unreadRepliesToReceiver ?? 0,
    ...(message.attachments ? { attachments: message.attachments } : {}),
  };
}
