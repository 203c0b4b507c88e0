import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import { applyLiveEvent } from "@/lib/live/apply";
import { chatKeys } from "@/lib/live/query-keys";
import type { LiveEventData, LiveMessage, MessageChanged, RoomChanged } from "@/lib/live/types";
import type { ConversationMessage, ConversationPage } from "@/lib/messaging/conversations";
import type { ThreadMessage } from "@/lib/messaging/subthread";

const ADA = 1;
const BO = 2;

function live(id: number, parentId: number | null, content = `m${id}`): LiveMessage {
  return {
    id,
    senderId: BO,
    senderName: "Bo",
    receiverId: ADA,
    content,
    createdAt: 1_000 + id,
    edited: false,
    editedAt: null,
    read: false,
    deleted: false,
    parentId,
  };
}

function inConversation(id: number, replyCount = 0): ConversationMessage {
  const { parentId: _, ...view } = live(id, null);
  return { ...view, replyCount, unreadRepliesToSender: 0, unreadRepliesToReceiver: 0 };
}

function inThread(id: number, parentId: number | null, depth: number): ThreadMessage {
  const { editedAt: _, ...view } = live(id, parentId);
  return { ...view, depth };
}

type Pages = { pages: ConversationPage[]; pageParams: (number | undefined)[] };

function clientWith({ conversation, thread }: { conversation?: Pages; thread?: ThreadMessage[] }) {
  const client = new QueryClient();
  client.setQueryData(chatKeys.counts, { inbox: 0, notifications: 0 });
  if (conversation) client.setQueryData(chatKeys.conversation(BO), conversation);
  if (thread) client.setQueryData(chatKeys.thread(10), thread);
  return client;
}

const created = (message: LiveMessage, roots: number[]): MessageChanged => ({
  type: "message.created",
  conversationWith: BO,
  messageIds: [message.id],
  threadRootIds: roots,
  messages: [message],
  counts: { inbox: 3, notifications: 2 },
});

describe("applying a live event to the cached views", () => {
  it("adds a new message and sets the counts without refetching", () => {
    const client = clientWith({
      conversation: {
        pages: [{ messages: [inConversation(10)], hasOlder: false }],
        pageParams: [undefined],
      },
    });
    const refetched = applyLiveEvent(client, created(live(11, null), [11]), ADA);
    const data = client.getQueryData<Pages>(chatKeys.conversation(BO));
    expect(data?.pages[0]?.messages.map((m) => m.id)).toEqual([10, 11]);
    expect(data?.pages[0]?.messages[1]).toEqual(inConversation(11));
    expect(client.getQueryData(chatKeys.counts)).toEqual({ inbox: 3, notifications: 2 });
    // Its own thread is not cached (nobody has it open): nothing to refetch.
    expect(refetched).toEqual([]);
  });

  it("puts a reply after its parent's subtree and counts it on the root", () => {
    const client = clientWith({
      conversation: {
        pages: [{ messages: [inConversation(10, 2)], hasOlder: false }],
        pageParams: [undefined],
      },
      thread: [
        inThread(10, null, 0),
        inThread(11, 10, 1),
        inThread(12, 11, 2),
        inThread(13, 10, 1),
      ],
    });
    const refetched = applyLiveEvent(client, created(live(14, 11), [10]), ADA);
    expect(refetched).toEqual([]);
    const thread = client.getQueryData<ThreadMessage[]>(chatKeys.thread(10));
    expect(thread?.map((m) => [m.id, m.depth])).toEqual([
      [10, 0],
      [11, 1],
      [12, 2],
      [14, 2],
      [13, 1],
    ]);
    expect(thread?.[3]).toEqual(inThread(14, 11, 2));
    const data = client.getQueryData<Pages>(chatKeys.conversation(BO));
    expect(data?.pages[0]?.messages[0]).toMatchObject({
      replyCount: 3,
      // Bo wrote the root and the reply: it is unread by Ada, the root's receiver.
      unreadRepliesToSender: 0,
      unreadRepliesToReceiver: 1,
    });
  });

  it("restarts a fetch in flight when an event lands, so its older answer cannot undo the event", async () => {
    const before: Pages = {
      pages: [{ messages: [inConversation(10)], hasOlder: false }],
      pageParams: [undefined],
    };
    const edit = { ...live(10, null, "changed"), edited: true, editedAt: 5_000 };
    const after: Pages = {
      pages: [{ messages: [{ ...inConversation(10), ...edit }], hasOlder: false }],
      pageParams: [undefined],
    };
    const client = clientWith({ conversation: before });
    let calls = 0;
    // On screen (an observer), as ConversationView is: subscribing starts a refetch, which
    // read the conversation before the edit and answers after the edit's event.
    const observer = new QueryObserver(client, {
      queryKey: chatKeys.conversation(BO),
      queryFn: async () => {
        const call = ++calls;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return call === 1 ? before : after;
      },
    });
    const unsubscribe = observer.subscribe(() => {});
    expect(client.isFetching()).toBe(1);
    applyLiveEvent(client, { ...created(edit, [10]), type: "message.updated" }, ADA);
    await vi.waitFor(() => expect(client.isFetching()).toBe(0));
    const data = client.getQueryData<Pages>(chatKeys.conversation(BO));
    expect(data?.pages[0]?.messages[0]?.content).toBe("changed");
    unsubscribe();
  });

  it("refetches the conversation when a reply's read state changes (its unread-reply count)", () => {
    const client = clientWith({
      conversation: {
        pages: [{ messages: [inConversation(10, 1)], hasOlder: false }],
        pageParams: [undefined],
      },
    });
    const event: LiveEventData = {
      type: "read.changed",
      conversationWith: BO,
      messageIds: [11],
      threadRootIds: [10],
      read: true,
    };
    expect(applyLiveEvent(client, event, ADA)).toContainEqual(chatKeys.conversation(BO));
  });

  it("replaces an edited message and marks read ones, keeping their place", () => {
    const client = clientWith({
      conversation: {
        pages: [{ messages: [inConversation(10, 1)], hasOlder: false }],
        pageParams: [undefined],
      },
      thread: [inThread(10, null, 0), inThread(11, 10, 1)],
    });
    const edit = { ...live(10, null, "changed"), edited: true, editedAt: 5_000 };
    applyLiveEvent(client, { ...created(edit, [10]), type: "message.updated" }, ADA);
    for (const id of [10, 11]) {
      applyLiveEvent(
        client,
        {
          type: "read.changed",
          conversationWith: BO,
          messageIds: [id],
          threadRootIds: [10],
          read: true,
        },
        ADA,
      );
    }
    const data = client.getQueryData<Pages>(chatKeys.conversation(BO));
    expect(data?.pages[0]?.messages[0]).toMatchObject({
      content: "changed",
      editedAt: 5_000,
      replyCount: 1,
      read: true,
    });
    const thread = client.getQueryData<ThreadMessage[]>(chatKeys.thread(10));
    expect(thread?.map((m) => [m.content, m.read, m.depth])).toEqual([
      ["changed", true, 0],
      ["m11", true, 1],
    ]);
    expect(thread?.[0]).not.toHaveProperty("editedAt");
  });

  it("refetches what it cannot apply: no payload, or a reply whose parent is not loaded", () => {
    const client = clientWith({
      conversation: {
        pages: [{ messages: [inConversation(10)], hasOlder: false }],
        pageParams: [undefined],
      },
      thread: [inThread(10, null, 0)],
    });
    const removed: LiveEventData = {
      type: "message.deleted",
      conversationWith: BO,
      messageIds: [10],
      threadRootIds: [10],
    };
    expect(applyLiveEvent(client, removed, ADA)).toEqual([
      chatKeys.counts,
      chatKeys.conversation(BO),
      chatKeys.thread(10),
    ]);
    const orphan = applyLiveEvent(client, created(live(20, 19), [10]), ADA);
    expect(orphan).toEqual([chatKeys.thread(10)]);
  });

  it("leaves the counts alone when the event says they did not change", () => {
    const client = clientWith({});
    const { counts: _, ...mine } = created(live(30, null), [30]);
    expect(applyLiveEvent(client, { ...mine, countsUnchanged: true }, ADA)).not.toContainEqual(
      chatKeys.counts,
    );
    expect(client.getQueryData(chatKeys.counts)).toEqual({ inbox: 0, notifications: 0 });
    expect(applyLiveEvent(client, mine, ADA)).toContainEqual(chatKeys.counts);
  });

  it("replaces our own optimistic copy when the send's event beats its answer", () => {
    const pending = { ...inConversation(-5), senderId: ADA, content: "hi" };
    const client = clientWith({
      conversation: {
        pages: [{ messages: [inConversation(10), pending], hasOlder: false }],
        pageParams: [undefined],
      },
    });
    const stored = { ...live(11, null, "hi"), senderId: ADA, receiverId: BO };
    applyLiveEvent(client, created(stored, [11]), ADA);
    const data = client.getQueryData<Pages>(chatKeys.conversation(BO));
    expect(data?.pages[0]?.messages.map((m) => m.id)).toEqual([10, 11]);
  });
});

describe("applying a room event", () => {
  const roomEvent = (
    roomId: number,
    change: RoomChanged["change"] = "message.created",
    senderId = BO,
  ): RoomChanged => ({
    type: "room.changed",
    roomId,
    change,
    messageIds: [40],
    threadRootIds: [40],
    countsUnchanged: true,
    ...(change === "message.created" ? { senderIds: [senderId] } : {}),
  });
  const sidebar = [
    { id: 7, muted: false, unread: 2 },
    { id: 8, muted: true, unread: 0 },
  ];
  const member = () => {
    const client = clientWith({});
    client.setQueryData(chatKeys.counts, { inbox: 5, notifications: 1 });
    client.setQueryData(chatKeys.rooms, sidebar);
    return client;
  };
  const unreadIn = (client: QueryClient, roomId: number) =>
    client.getQueryData<typeof sidebar>(chatKeys.rooms)?.find((r) => r.id === roomId)?.unread;

  it("counts a new message from someone else into the badges in place, refetching no badge", () => {
    const client = member();
    expect(applyLiveEvent(client, roomEvent(7), ADA)).toEqual([]);
    expect(client.getQueryData(chatKeys.counts)).toEqual({ inbox: 6, notifications: 1 });
    expect(unreadIn(client, 7)).toBe(3);
  });

  it("adds a message to the open room and its thread in place, never badging one's own", () => {
    const client = member();
    client.setQueryData(chatKeys.room(7), [inConversation(10)]);
    client.setQueryData(chatKeys.thread(10), [inThread(10, null, 0)]);
    const mine = { ...live(40, null), senderId: ADA, senderName: "Ada", receiverId: null };
    const sent = { ...roomEvent(7, "message.created", ADA), threadRootIds: [], messages: [mine] };
    expect(applyLiveEvent(client, sent, ADA)).toEqual([]);
    expect(client.getQueryData<ConversationMessage[]>(chatKeys.room(7))?.map((m) => m.id)).toEqual([
      10, 40,
    ]);
    expect(client.getQueryData(chatKeys.counts)).toEqual({ inbox: 5, notifications: 1 });
    expect(unreadIn(client, 7)).toBe(2);

    const reply = { ...live(41, 10), receiverId: null };
    const replied = { ...roomEvent(7), messageIds: [41], threadRootIds: [10], messages: [reply] };
    expect(applyLiveEvent(client, replied, ADA)).toEqual([]);
    const room = client.getQueryData<ConversationMessage[]>(chatKeys.room(7));
    expect(room?.find((m) => m.id === 10)?.replyCount).toBe(1);
    expect(
      client.getQueryData<ThreadMessage[]>(chatKeys.thread(10))?.map((m) => [m.id, m.depth]),
    ).toEqual([
      [10, 0],
      [41, 1],
    ]);
    expect(unreadIn(client, 7)).toBe(3);
  });

  it("refetches the open room when the event carries no messages (a hard delete)", () => {
    const client = member();
    client.setQueryData(chatKeys.room(7), [inConversation(10)]);
    const removed = { ...roomEvent(7, "message.deleted"), messageIds: [10], threadRootIds: [] };
    expect(applyLiveEvent(client, removed, ADA)).toEqual([
      chatKeys.room(7),
      chatKeys.rooms,
      chatKeys.counts,
    ]);
  });

  it("changes nothing for a muted room or an edit", () => {
    const client = member();
    expect(applyLiveEvent(client, roomEvent(8), ADA)).toEqual([]);
    expect(applyLiveEvent(client, roomEvent(7, "message.updated"), ADA)).toEqual([]);
    expect(client.getQueryData(chatKeys.counts)).toEqual({ inbox: 5, notifications: 1 });
    expect(unreadIn(client, 8)).toBe(0);
  });

  it("refetches the badges when the event cannot tell them: a deletion, a room not listed", () => {
    const client = member();
    expect(applyLiveEvent(client, roomEvent(7, "message.deleted"), ADA)).toEqual([
      chatKeys.rooms,
      chatKeys.counts,
    ]);
    expect(applyLiveEvent(client, roomEvent(9), ADA)).toEqual([chatKeys.rooms, chatKeys.counts]);
    expect(applyLiveEvent(client, roomEvent(8, "message.deleted"), ADA)).toEqual([]);
  });
});
