import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/query";
import { countAsync } from "@/db/statement-counter";
import { liveBus } from "@/lib/live/bus";
import { liveEventStream } from "@/lib/live/stream";
import type { LiveEvent, LiveEventData } from "@/lib/live/types";
import { deleteMessage, editMessage } from "@/lib/messaging/messages";
import { replyToMessage } from "@/lib/messaging/threads";
import { markAllRead, markRead, openNotification } from "@/lib/unread/mark-read";
import { expectOk, makeUser, send } from "./helpers";

function collect(userId: number) {
  const events: LiveEvent[] = [];
  const unsubscribe = liveBus().subscribe(userId, (e) => events.push(e));
  return { data: () => events.map((e) => e.data), unsubscribe };
}

/** A real event stream of `userId`, as /api/events serves it; `text()` is what it sent. */
function openStream(userId: number) {
  const controller = new AbortController();
  const stream = liveEventStream({ userId, sessionId: `s-${userId}` }, null, controller.signal);
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const reading = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      text += decoder.decode(value, { stream: true });
    }
  })();
  return {
    async close() {
      controller.abort();
      await reading;
      return text;
    },
  };
}

/** Ada, Bo and Cy, in that order. */
const colleagues = async () =>
  [await makeUser("Ada"), await makeUser("Bo"), await makeUser("Cy")] as const;

const messagesOf = (data: LiveEventData[]) => data.flatMap((d) => d.messages ?? []);

describe("what live events carry", () => {
  it("a reply reaches both participants with its parent and each one's own counts", async () => {
    const [a, b] = await colleagues();
    const root = await send(a.id, b.id, "question");
    const [forA, forB] = [collect(a.id), collect(b.id)];
    const reply = expectOk(
      await replyToMessage(b.id, { parentMessageId: root.id, content: "answer" }),
    );
    const [toA] = forA.data();
    expect(toA).toMatchObject({
      type: "message.created",
      conversationWith: b.id,
      threadRootIds: [root.id],
      messages: [{ id: reply.id, parentId: root.id, senderName: "Bo", content: "answer" }],
      // Ada has Bo's unread reply and its notification.
      counts: { inbox: 1, notifications: 1 },
    });
    // Bo sent it: his counts cannot have changed, and he is told so rather than refetch.
    expect(forB.data()[0]).toMatchObject({
      conversationWith: a.id,
      messages: [{ id: reply.id }],
      countsUnchanged: true,
    });
    expect(forB.data()[0]?.counts).toBeUndefined();
    // Her new notification needs no event of its own: the reply's counts include it.
    expect(forA.data().map((d) => d.type)).toEqual(["message.created"]);
    forA.unsubscribe();
    forB.unsubscribe();
  });

  it("an edit carries the new text, a tombstone no text, a removed message no payload", async () => {
    const [a, b] = await colleagues();
    const root = await send(a.id, b.id, "first");
    const lonely = await send(a.id, b.id, "second");
    expectOk(await replyToMessage(b.id, { parentMessageId: root.id, content: "re" }));
    const forB = collect(b.id);
    expectOk(await editMessage(a.id, { messageId: root.id, content: "first, edited" }));
    expectOk(await deleteMessage(a.id, { messageId: root.id }));
    expectOk(await deleteMessage(a.id, { messageId: lonely.id }));
    const [edited, tombstoned, removed] = forB
      .data()
      .filter((d) => d.type !== "notification.changed");
    expect(edited).toMatchObject({
      type: "message.updated",
      messages: [{ id: root.id, content: "first, edited", edited: true }],
    });
    expect(edited?.messages?.[0]?.editedAt).toEqual(expect.any(Number));
    expect(tombstoned).toMatchObject({
      type: "message.deleted",
      messages: [{ id: root.id, content: "", deleted: true }],
    });
    expect(removed).toMatchObject({ type: "message.deleted", messageIds: [lonely.id] });
    expect(removed?.messages).toBeUndefined();
    forB.unsubscribe();
  });
});

describe("who receives a message's content", () => {
  it("never a non-participant's stream, whatever they share with the participants", async () => {
    const [a, b, c] = await colleagues();
    // Cy talks with both, and is in the room, so to speak.
    await send(c.id, a.id, "hello Ada");
    await send(c.id, b.id, "hello Bo");
    const [streamA, streamB, streamC] = [openStream(a.id), openStream(b.id), openStream(c.id)];
    const forC = collect(c.id);
    const root = await send(a.id, b.id, "secret plan");
    const reply = expectOk(
      await replyToMessage(b.id, { parentMessageId: root.id, content: "secret reply" }),
    );
    expectOk(await editMessage(a.id, { messageId: root.id, content: "secret, edited" }));
    const [textA, textB, textC] = await Promise.all([
      streamA.close(),
      streamB.close(),
      streamC.close(),
    ]);
    for (const text of [textA, textB]) {
      expect(text).toContain("secret plan");
      expect(text).toContain("secret reply");
      expect(text).toContain("secret, edited");
    }
    expect(textC).not.toContain("secret");
    expect(textC).not.toContain("data: {");
    expect(forC.data()).toEqual([]);
    expect(messagesOf(forC.data()).map((m) => m.id)).not.toContain(reply.id);
    forC.unsubscribe();
  });
});

describe("the counts a conversation's events carry", () => {
  it("the receiver's unread count in it, also when they mark what is on screen read", async () => {
    const [a, b, c] = await colleagues();
    await send(c.id, b.id, "from Cy");
    const first = await send(a.id, b.id, "one");
    const [forA, forB] = [collect(a.id), collect(b.id)];
    await send(a.id, b.id, "two");
    expect(forB.data()[0]).toMatchObject({
      type: "message.created",
      counts: { inbox: 3 },
      conversationUnread: 2,
    });
    expectOk(await markRead(b.id, { messageIds: [first.id] }));
    const read = forB.data().filter((d) => d.type === "read.changed");
    expect(read).toEqual([
      expect.objectContaining({ read: true, counts: expect.objectContaining({ inbox: 2 }) }),
    ]);
    expect(read[0]?.conversationUnread).toBe(1);
    // Its notification was read with it: that event carries Bo's counts too.
    expect(forB.data().at(-1)).toMatchObject({
      type: "notification.changed",
      messageIds: [first.id],
      counts: { inbox: 2, notifications: 2 },
    });
    // Ada's counts are of messages she received: Bo reading hers cannot change them.
    const toA = forA.data().filter((d) => d.type === "read.changed");
    expect(toA).toEqual([expect.objectContaining({ read: true, countsUnchanged: true })]);
    expect(toA[0]?.counts).toBeUndefined();
    forA.unsubscribe();
    forB.unsubscribe();
  });

  it("no counts on a bulk write across conversations: each client refetches its own once", async () => {
    const [a, b, c] = await colleagues();
    await send(a.id, b.id, "from Ada");
    await send(c.id, b.id, "from Cy");
    const forB = collect(b.id);
    await markAllRead(b.id);
    const read = forB.data().filter((d) => d.type === "read.changed");
    expect(read).toHaveLength(2);
    for (const event of read) {
      expect(event.counts).toBeUndefined();
      expect(event.conversationUnread).toBeUndefined();
    }
    forB.unsubscribe();
  });
});

describe("what one write costs after it commits", () => {
  it("a reply's thread root is found once, for the cache and the live stream alike", async () => {
    const [a, b] = await colleagues();
    const root = await send(a.id, b.id, "question");
    const first = expectOk(
      await replyToMessage(b.id, { parentMessageId: root.id, content: "answer" }),
    );
    const { statements } = await countAsync(async () =>
      expectOk(await replyToMessage(a.id, { parentMessageId: first.id, content: "and more" })),
    );
    const climbs = statements.filter((s) => /with recursive\s+up\(/i.test(s));
    expect(climbs).toHaveLength(1);
  });

  it("opening a notification tells its reader once, not twice", async () => {
    const [a, b] = await colleagues();
    const message = await send(a.id, b.id, "hello");
    const [notification] = await rows<{ id: number }>(
      sql`select id from notifications where message_id = ${message.id}`,
    );
    const forB = collect(b.id);
    expectOk(await openNotification(b.id, { notificationId: notification?.id }));
    const types = forB.data().map((d) => d.type);
    expect(types.filter((t) => t === "notification.changed")).toHaveLength(1);
    expect(types.filter((t) => t === "read.changed")).toHaveLength(1);
    forB.unsubscribe();
  });
});
