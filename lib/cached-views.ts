import { cachedLoader, conversationTag, threadTag } from "./cache";
import { conversationPage } from "./conversations";
import { loadThreadFromRoot } from "./threads";

/** The conversation page for a user pair; call only after checking the viewer is in it. */
export const cachedConversationPage = cachedLoader(
  "conversation-page",
  (low: number, high: number, before: number | undefined) =>
    conversationPage(low, high, { before }),
  (low, high) => conversationTag(low, high),
);

/** A thread by its root; call only after findThreadRoot has authorized the viewer. */
export const cachedThread = cachedLoader("thread", loadThreadFromRoot, (rootId) =>
  threadTag(rootId),
);

/** The pair in canonical order, so both participants share one cache entry. */
export function conversationKey(a: number, b: number): [number, number] {
  return a < b ? [a, b] : [b, a];
}
