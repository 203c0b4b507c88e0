/**
 * Where Alt+Up/Down goes in the recent conversations (newest activity first): the one above
 * or below the current one, only among those with unread messages when `unreadOnly`
 * (Alt+Shift). From a page that is not one of them, Down goes to the first and Up to the
 * last. Null when there is nowhere to go.
 */
export function conversationStep(
  conversations: { id: number; unread: number }[],
  currentId: number | null,
  direction: "up" | "down",
  unreadOnly: boolean,
): number | null {
  const at = conversations.findIndex((conversation) => conversation.id === currentId);
  const step = direction === "down" ? 1 : -1;
  let index = at === -1 ? (direction === "down" ? 0 : conversations.length - 1) : at + step;
  while (index >= 0 && index < conversations.length) {
    const candidate = conversations[index];
    if (candidate && (!unreadOnly || candidate.unread > 0)) return candidate.id;
    index += step;
  }
  return null;
}
