import "server-only";
import { withAttachments } from "@/lib/files/views";
import { cachedLoader, conversationTag, threadTag } from "@/lib/platform/cache";
import { InvalidInputError } from "@/lib/platform/result";
import {
  type Conversation,
  conversationPage,
  findColleagueFor,
  withoutReadReceipts,
} from "./conversations";
import { isConversationCursor } from "./cursors";
import { findThreadRoot, loadThreadFromRoot, type ThreadMessage } from "./threads";

/**
 * The conversation and thread views exactly as pages, route handlers, tests and benchmarks
 * get them: the viewer is authorized first, then the data comes through the cache, keyed
 * and tagged by what is asked for (the user pair, the thread root), never by who asks.
 */

const cachedConversationPage = cachedLoader(
  "conversation-page",
  async (low: number, high: number, before: number | undefined) => {
    const page = await conversationPage(low, high, { before });
    return { ...page, messages: await withAttachments(page.messages) };
  },
  (low, high) => conversationTag(low, high),
);

const cachedThread = cachedLoader(
  "thread",
  async (rootId: number) => withAttachments(await loadThreadFromRoot(rootId)),
  (rootId) => threadTag(rootId),
);

/**
 * One page of the viewer's conversation with `otherId` (newest 50, or those older than the
 * `before` message), without the read state of the viewer's messages unless both send read
 * receipts (lib/unread/read-receipts.ts). Throws NotFoundError when the colleague does not exist, and
 * InvalidInputError when `before` is not a message of this conversation.
 */
export async function conversationFor(
  viewerId: number,
  otherId: number,
  before?: number,
): Promise<Conversation> {
  const { other, receipts } = await findColleagueFor(viewerId, otherId);
  // A page is answered by its cursor's position: a foreign cursor would leak when it was sent.
  if (before !== undefined && !(await isConversationCursor(viewerId, otherId, before))) {
    throw new InvalidInputError("`before` must be a message of this conversation.");
  }
  const [low, high] = viewerId < otherId ? [viewerId, otherId] : [otherId, viewerId];
  const page = await cachedConversationPage(low, high, before);
  // After the cache, which holds the pair's page whoever asks: receipts depend on both.
  return { other, ...(receipts ? page : withoutReadReceipts(page, viewerId)) };
}

/**
 * The whole thread `messageId` belongs to, found from any message in it. Throws the same
 * NotFoundError for a missing message and for one the viewer does not take part in.
 */
export async function threadFor(
  viewerId: number,
  messageId: number,
): Promise<{ rootId: number; messages: ThreadMessage[] }> {
  const rootId = await findThreadRoot(viewerId, messageId);
  return { rootId, messages: await cachedThread(rootId) };
}
