import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { applyLiveEvent } from "@/lib/live/apply";
import { reactionChanged, readChanged } from "@/lib/live/events";
import { chatKeys } from "@/lib/live/query-keys";
import type { ConversationMessage, ConversationPage } from "@/lib/messaging/conversations";
import type { ThreadMessage } from "@/lib/messaging/subthread";
import type { ReactionSummary } from "@/lib/reactions/summary";

const ADA = 1;
const BO = 2;

function message(id: number): ConversationMessage {
  return {
    id,
    senderId: ADA,
    senderName: "Ada",
    receiverId: BO,
    content: `m${id}`,
    createdAt: 1_000 + id,
    edited: false,
    editedAt: null,
    read: false,
    readAt: null,
    deleted: false,
    reactions: [],
    replyCount: 0,
    unreadRepliesToSender: 0,
    unreadRepliesToReceiver: 0,
  };
}

type Pages = { pages: ConversationPage[]; pageParams: (number | undefined)[] };

function client() {
  const queryClient = new QueryClient();
  const pages: Pages = {
    pages: [{ messages: [message(5), message(6)], hasOlder: false }],
    pageParams: [undefined],
  };
  queryClient.setQueryData(chatKeys.conversation(BO), pages);
  const thread: ThreadMessage[] = [{ ...message(5), parentId: null, depth: 0 }];
  queryClient.setQueryData(chatKeys.thread(5), thread);
  queryClient.setQueryData<ReactionSummary[]>(chatKeys.reactions(5), []);
  return queryClient;
}

const shown = (queryClient: QueryClient) =>
  queryClient.getQueryData<Pages>(chatKeys.conversation(BO))?.pages[0]?.messages ?? [];

describe("applying reactions and receipts live", () => {
  it("a reaction changes the conversation, the thread and the bar in place, refetching nothing", () => {
    const queryClient = client();
    const event = reactionChanged({ conversationWith: BO }, [5], {
      messageId: 5,
      emoji: "👍",
      user: { id: BO, name: "Bo" },
      reacted: true,
    });
    expect(applyLiveEvent(queryClient, event, ADA)).toEqual([]);
    const expected = [{ emoji: "👍", users: [{ id: BO, name: "Bo" }] }];
    expect(shown(queryClient).map((m) => m.reactions)).toEqual([expected, []]);
    expect(queryClient.getQueryData<ThreadMessage[]>(chatKeys.thread(5))?.[0]?.reactions).toEqual(
      expected,
    );
    expect(queryClient.getQueryData(chatKeys.reactions(5))).toEqual(expected);
    // Off again: gone everywhere.
    applyLiveEvent(
      queryClient,
      {
        ...event,
        reaction: { ...event.reaction, reacted: false },
      },
      ADA,
    );
    expect(queryClient.getQueryData(chatKeys.reactions(5))).toEqual([]);
    expect(shown(queryClient)[0]?.reactions).toEqual([]);
  });

  it("a read receipt sets read and readAt on the sender's messages in place", () => {
    const queryClient = client();
    const event = readChanged(
      { conversationWith: BO, messageIds: [6], threadRootIds: [] },
      true,
      42_000,
    );
    expect(applyLiveEvent(queryClient, { ...event, countsUnchanged: true }, ADA)).toEqual([]);
    expect(shown(queryClient).map((m) => [m.id, m.read, m.readAt])).toEqual([
      [5, false, null],
      [6, true, 42_000],
    ]);
  });
});
