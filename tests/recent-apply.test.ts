import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { applyLiveEvent } from "@/lib/live/apply";
import { RECENT_LIMIT, recentWithEvent } from "@/lib/live/apply-recent";
import { directoryKeys } from "@/lib/live/query-keys";
import type { LiveEventData, LiveMessage } from "@/lib/live/types";
import type { RecentConversation } from "@/lib/messaging/recent-conversations";

const ME = 1;

function message(id: number, senderId: number, receiverId: number, name: string): LiveMessage {
  return {
    id,
    senderId,
    senderName: name,
    receiverId,
    content: `m${id}`,
    createdAt: 10_000 + id,
    edited: false,
    editedAt: null,
    read: false,
    deleted: false,
    parentId: null,
  };
}

const conversation = (id: number, at: number, unread = 0): RecentConversation => ({
  id,
  name: `Colleague ${id}`,
  lastActivityAt: at,
  unread,
});

/** Newest first: 2, then 3, then 4. */
const list = [conversation(2, 300, 1), conversation(3, 200), conversation(4, 100, 2)];

const fromThem = (id: number, other: number, unread: number): LiveEventData => ({
  type: "message.created",
  conversationWith: other,
  messageIds: [id],
  messages: [message(id, other, ME, `Colleague ${other}`)],
  counts: { inbox: 9, notifications: 9 },
  conversationUnread: unread,
});

describe("the sidebar applies live events in place", () => {
  it("moves a conversation with a new message to the top, with the event's unread count", () => {
    const updated = recentWithEvent(list, fromThem(50, 4, 3));
    expect(updated?.map((c) => [c.id, c.unread])).toEqual([
      [4, 3],
      [2, 1],
      [3, 0],
    ]);
    expect(updated?.[0]?.lastActivityAt).toBe(10_050);
  });

  it("adds a colleague who writes for the first time, named by their message", () => {
    const updated = recentWithEvent(list, fromThem(51, 7, 1));
    expect(updated?.[0]).toEqual({
      id: 7,
      name: "Colleague 7",
      lastActivityAt: 10_051,
      unread: 1,
    });
    expect(updated).toHaveLength(4);
  });

  it("keeps the list at its limit when someone new pushes in", () => {
    const full = Array.from({ length: RECENT_LIMIT }, (_, i) => conversation(100 + i, 1_000 - i));
    const updated = recentWithEvent(full, fromThem(52, 7, 1));
    expect(updated).toHaveLength(RECENT_LIMIT);
    expect(updated?.[0]?.id).toBe(7);
    expect(updated?.map((c) => c.id)).not.toContain(100 + RECENT_LIMIT - 1);
  });

  it("moves our own message's conversation up without touching its unread count", () => {
    const mine: LiveEventData = {
      type: "message.created",
      conversationWith: 3,
      messageIds: [53],
      messages: [message(53, ME, 3, "Me")],
      countsUnchanged: true,
    };
    expect(recentWithEvent(list, mine)?.map((c) => [c.id, c.unread])).toEqual([
      [3, 0],
      [2, 1],
      [4, 2],
    ]);
    // To someone not listed yet: only their id is known, so the list is refetched.
    expect(recentWithEvent(list, { ...mine, conversationWith: 8 })).toBeUndefined();
  });

  it("sets the count of a read change in place, and leaves edits alone", () => {
    const read: LiveEventData = {
      type: "read.changed",
      conversationWith: 4,
      messageIds: [1, 2],
      read: true,
      counts: { inbox: 0, notifications: 0 },
      conversationUnread: 0,
    };
    expect(recentWithEvent(list, read)?.map((c) => c.unread)).toEqual([1, 0, 0]);
    const edit: LiveEventData = { type: "message.updated", conversationWith: 4, messageIds: [1] };
    expect(recentWithEvent(list, edit)).toBe(list);
  });

  it("refetches what it cannot apply: a deletion, a bulk write without counts", () => {
    const deleted: LiveEventData = {
      type: "message.deleted",
      conversationWith: 2,
      messageIds: [1],
      counts: { inbox: 0, notifications: 0 },
      conversationUnread: 0,
    };
    expect(recentWithEvent(list, deleted)).toBeUndefined();
    const bulk: LiveEventData = { type: "read.changed", conversationWith: 2, messageIds: [1, 2] };
    expect(recentWithEvent(list, bulk)).toBeUndefined();
  });

  it("is applied with the other cached views, without a request", () => {
    const client = new QueryClient();
    client.setQueryData(directoryKeys.recent, list);
    const refetched = applyLiveEvent(client, fromThem(54, 3, 1), ME);
    expect(refetched).toEqual([]);
    expect(client.getQueryData<RecentConversation[]>(directoryKeys.recent)?.[0]).toMatchObject({
      id: 3,
      unread: 1,
    });
  });
});
