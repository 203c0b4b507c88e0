import type { MessageView } from "./conversations";

/** The messages this viewer received and has not read yet: what the views mark as seen. */
export function unreadReceivedIds(messages: MessageView[], viewerId: number): number[] {
  return messages
    .filter((m) => m.receiverId === viewerId && m.senderId !== viewerId && !m.read && !m.deleted)
    .map((m) => m.id);
}
