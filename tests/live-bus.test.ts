import { describe, expect, it } from "vitest";
import { connect } from "@/db/events";
import { deleteAccount } from "@/lib/accounts/accounts";
import { createInProcessBus, liveBus } from "@/lib/live/bus";
import type { LiveEvent } from "@/lib/live/types";
import { replyToMessage } from "@/lib/messaging/threads";
import { markAllRead } from "@/lib/unread/mark-read";
import { expectOk, makeUser, PASSWORD, send } from "./helpers";
import { expectPrivateIds } from "./support/private-ids";

describe("the in-process bus", () => {
  it("delivers an event only to the user it concerns", async () => {
    const bus = createInProcessBus();
    const forOne: LiveEvent[] = [];
    const forTwo: LiveEvent[] = [];
    bus.subscribe(1, (e) => forOne.push(e));
    const unsubscribe = bus.subscribe(2, (e) => forTwo.push(e));
    await bus.publish(1, { type: "message.created", messageIds: [10] });
    unsubscribe();
    await bus.publish(2, { type: "message.created", messageIds: [11] });
    expect(forOne.map((e) => e.data.messageIds)).toEqual([[10]]);
    expect(forTwo).toEqual([]);
  });

  it("replays what a user missed after an id, once each, in order", async () => {
    const bus = createInProcessBus();
    const seen = await bus.publish(1, { type: "message.created", messageIds: [1] });
    await bus.publish(2, { type: "message.created", messageIds: [2] });
    await bus.publish(1, { type: "message.updated", messageIds: [3] });
    await bus.publish(1, { type: "message.deleted", messageIds: [4] });
    const { events, complete } = await bus.replay(1, seen.id);
    expect(complete).toBe(true);
    expect(events.map((e) => e.data.messageIds[0])).toEqual([3, 4]);
    expect((await bus.replay(1, events.at(-1)?.id ?? "")).events).toEqual([]);
  });

  it("asks for a resync when the id is from another run or older than the window", async () => {
    const bus = createInProcessBus(3);
    const first = await bus.publish(1, { type: "message.created", messageIds: [1] });
    for (let i = 0; i < 5; i++) await bus.publish(1, { type: "message.created", messageIds: [i] });
    expect((await bus.replay(1, first.id)).complete).toBe(false);
    expect((await bus.replay(1, "deadbeef-1")).complete).toBe(false);
    expect((await bus.replay(1, "garbage")).complete).toBe(false);
  });
});

describe("event ids tell a user nothing of anyone else's traffic", () => {
  it("count the user's own events only, and resume from any of them", async () => {
    await expectPrivateIds(createInProcessBus());
  });

  it("ask for a resync once the user's own events fell out of the window", async () => {
    const bus = createInProcessBus(4);
    const mine = await bus.publish(1, { type: "message.created", messageIds: [1] });
    await bus.publish(1, { type: "message.created", messageIds: [2] });
    for (let i = 0; i < 3; i++) await bus.publish(2, { type: "message.created", messageIds: [i] });
    // Only others' events were pushed out so far: the user's own replay is whole.
    expect(await bus.replay(1, mine.id)).toMatchObject({ complete: true });
    for (let i = 0; i < 3; i++) await bus.publish(2, { type: "message.created", messageIds: [i] });
    expect(await bus.replay(1, mine.id)).toEqual({ events: [], complete: false });
  });
});

describe("a page's stream resumes from the newest event at render time", () => {
  it("replays what was published between the render and the stream's opening", async () => {
    const bus = createInProcessBus();
    await bus.publish(1, { type: "message.created", messageIds: [1] });
    const since = await bus.latestEventId(1);
    // Committed after the page read its data, before its stream opened.
    const missed = await bus.publish(1, { type: "message.created", messageIds: [2] });
    const { events, complete } = await bus.replay(1, since ?? "");
    expect(complete).toBe(true);
    expect(events.map((e) => e.id)).toEqual([missed.id]);
  });

  it("replays nothing, completely, when nothing happened since", async () => {
    const bus = createInProcessBus();
    const since = await bus.latestEventId(1);
    expect(await bus.replay(1, since ?? "")).toEqual({ events: [], complete: true });
  });
});

describe("what the live receivers publish", () => {
  function collect(userId: number) {
    const events: LiveEvent[] = [];
    const unsubscribe = liveBus().subscribe(userId, (e) => events.push(e));
    return { events, unsubscribe };
  }

  it("tells both participants, and nobody else, about a new message", async () => {
    const a = await makeUser("Ada");
    const b = await makeUser("Bo");
    const c = await makeUser("Cy");
    const [forA, forB, forC] = [collect(a.id), collect(b.id), collect(c.id)];
    const message = await send(a.id, b.id, "hi");
    expect(forA.events.map((e) => e.data)).toEqual([
      {
        type: "message.created",
        conversationWith: b.id,
        messageIds: [message.id],
        threadRootIds: [message.id],
        messages: [
          {
            id: message.id,
            senderId: a.id,
            senderName: "Ada",
            receiverId: b.id,
            content: "hi",
            createdAt: message.createdAt,
            edited: false,
            editedAt: null,
            read: false,
            deleted: false,
            parentId: null,
          },
        ],
        countsUnchanged: true,
      },
    ]);
    expect(forB.events[0]?.data.counts).toEqual({ inbox: 1, notifications: 1 });
    // The notification comes with the message: one event, whose counts include it.
    expect(forB.events.map((e) => e.data.type)).toEqual(["message.created"]);
    expect(forB.events[0]?.data.conversationWith).toBe(a.id);
    expect(forC.events).toEqual([]);
    for (const x of [forA, forB, forC]) x.unsubscribe();
  });

  it("sends one read event per conversation for mark all read, with the right thread roots", async () => {
    const a = await makeUser("Ada");
    const b = await makeUser("Bo");
    const c = await makeUser("Cy");
    const root = await send(b.id, a.id, "from b");
    const reply = expectOk(
      await replyToMessage(b.id, { parentMessageId: root.id, content: "more" }),
    );
    const fromC = await send(c.id, a.id, "from c");
    const forB = collect(b.id);
    await markAllRead(a.id);
    expect(forB.events.filter((e) => e.data.type === "read.changed").map((e) => e.data)).toEqual([
      {
        type: "read.changed",
        conversationWith: a.id,
        messageIds: [root.id, reply.id],
        threadRootIds: [root.id],
        read: true,
        // When, for the "Seen" under Bo's messages (both send read receipts).
        readAt: expect.any(Number),
        // Bo sent what Ada read: his counts cannot have changed. (Ada's own events carry no
        // counts: a bulk write across conversations leaves each client to refetch its own.)
        countsUnchanged: true,
      },
    ]);
    expect(forB.events.flatMap((e) => e.data.messageIds)).not.toContain(fromC.id);
    forB.unsubscribe();
  });

  it("tells the other participants when an account and its conversations go", async () => {
    const a = await makeUser("Ada");
    const b = await makeUser("Bo");
    await send(a.id, b.id, "bye");
    const forB = collect(b.id);
    const published: string[] = [];
    connect("afterCommit", "messages", (e) => published.push(e.kind), { id: "test.kinds" });
    expectOk(await deleteAccount(a.id, { password: PASSWORD }));
    expect(published).toEqual(["bulkDelete"]);
    expect(forB.events.map((e) => [e.data.type, e.data.conversationWith])).toContainEqual([
      "message.deleted",
      a.id,
    ]);
    forB.unsubscribe();
  });
});
