import { describe, expect, it } from "vitest";
import { withoutReceivers } from "@/db/events";
import { countAsync } from "@/db/statement-counter";
import { conversationFor, threadFor } from "@/lib/messaging/cached-views";
import { deleteMessage } from "@/lib/messaging/messages";
import { subthread } from "@/lib/messaging/subthread";
import { replyToMessage } from "@/lib/messaging/threads";
import { NotFoundError } from "@/lib/platform/result";
import {
  allRows,
  brokenForeignKeys,
  expectOk,
  makeUser,
  NO_BROKEN_FOREIGN_KEYS,
  rowCounts,
  send,
  store,
} from "./helpers";

/**
 * Receivers that only matter to a running server (notifications aside, which the tests
 * check elsewhere): muted while a test builds a large thread, so setting it up stays cheap.
 */
const BULK_SETUP_MUTED = ["notifications.notify-receiver", "messages.after-commit"];

/** Thousands of writes of setup, on a loaded machine, in either database. */
const SLOW_SETUP_MS = 120_000;

/** The thread as the viewer gets it. */
async function loadThread(viewerId: number, messageId: number) {
  return (await threadFor(viewerId, messageId)).messages;
}

/** The recursive walk down a thread, among the statements a view ran. */
const threadWalks = (statements: string[]) =>
  statements.filter((s) => /thread\(id, depth, path\)/.test(s));

async function pair() {
  return { a: await makeUser("Ada"), b: await makeUser("Brian") };
}

describe("replyToMessage", () => {
  it("stores a reply to the other participant and notifies them with kind 'reply'", async () => {
    const { a, b } = await pair();
    const root = await send(a.id, b.id, "root");
    const reply = expectOk(await replyToMessage(b.id, { parentMessageId: root.id, content: "re" }));
    expect(reply).toMatchObject({ senderId: b.id, receiverId: a.id, parentMessageId: root.id });
    expect((await allRows("notifications")).at(-1)).toMatchObject({
      user_id: a.id,
      message_id: reply.id,
      kind: "reply",
    });
  });

  it("refuses a non-participant, an unknown parent, a tombstone and another conversation", async () => {
    const { a, b } = await pair();
    const c = await makeUser("Cleo");
    const root = await send(a.id, b.id, "root");
    const tombstoned = await send(a.id, b.id, "to be deleted");
    expectOk(
      await replyToMessage(b.id, { parentMessageId: tombstoned.id, content: "keeps it alive" }),
    );
    expectOk(await deleteMessage(a.id, { messageId: tombstoned.id }));
    const before = await rowCounts();

    const refusals = [
      [
        await replyToMessage(c.id, { parentMessageId: root.id, content: "intruder" }),
        /does not exist/,
      ],
      [
        await replyToMessage(a.id, { parentMessageId: 987_654, content: "nothing" }),
        /does not exist/,
      ],
      [
        await replyToMessage(a.id, { parentMessageId: tombstoned.id, content: "late" }),
        /was deleted/,
      ],
      [
        await replyToMessage(a.id, {
          parentMessageId: root.id,
          content: "wrong",
          receiverId: c.id,
        }),
        /another conversation/,
      ],
      [await replyToMessage(a.id, { parentMessageId: "x", content: "bad id" }), /not valid/],
      [await replyToMessage(a.id, { parentMessageId: root.id, content: "  " }), /cannot be empty/],
    ] as const;
    for (const [result, message] of refusals) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(message);
    }
    expect(await rowCounts()).toEqual(before);
  });
});

describe("loadThread", () => {
  it("returns the root and every reply once, each after its parent, with depths", async () => {
    const { a, b } = await pair();
    const root = await send(a.id, b.id, "root");
    const r1 = expectOk(await replyToMessage(b.id, { parentMessageId: root.id, content: "r1" }));
    const r2 = expectOk(await replyToMessage(a.id, { parentMessageId: root.id, content: "r2" }));
    const r11 = expectOk(await replyToMessage(a.id, { parentMessageId: r1.id, content: "r1.1" }));
    const { result: thread, count, statements } = await countAsync(() => loadThread(a.id, root.id));
    // The access check (which finds the root), the whole thread in ONE statement, its
    // attachments (lib/files/views.ts) and its reactions.
    expect(count).toBe(4);
    expect(threadWalks(statements)).toHaveLength(1);
    expect(thread.map((m) => [m.content, m.depth])).toEqual([
      ["root", 0],
      ["r1", 1],
      ["r1.1", 2],
      ["r2", 1],
    ]);
    expect(new Set(thread.map((m) => m.id)).size).toBe(4);
    for (const [index, message] of thread.entries()) {
      if (message.parentId === null) continue;
      expect(thread.findIndex((m) => m.id === message.parentId)).toBeLessThan(index);
    }
    expect(thread.map((m) => m.senderName)).toEqual(["Ada", "Brian", "Ada", "Ada"]);
    expect(await loadThread(b.id, r11.id)).toEqual(thread);
    expect(await loadThread(a.id, r2.id)).toEqual(thread);
  });

  it(
    "loads 1,000 messages 200 deep in one statement, siblings with ids 2 and 10 in order",
    async () => {
      const { a, b } = await pair();
      const thread = await withoutReceivers(BULK_SETUP_MUTED, async () => {
        const root = await send(a.id, b.id, "root"); // id 1
        const ids = [root.id];
        // id 2: first reply to the root; ids 3..9 hang below it; id 10: second reply to the root.
        let parent = await store({
          senderId: b.id,
          receiverId: a.id,
          content: "2",
          parentMessageId: root.id,
        });
        ids.push(parent.id);
        for (let i = 0; i < 7; i++) {
          parent = await store({
            senderId: a.id,
            receiverId: b.id,
            content: "x",
            parentMessageId: parent.id,
          });
          ids.push(parent.id);
        }
        const ten = await store({
          senderId: a.id,
          receiverId: b.id,
          content: "10",
          parentMessageId: root.id,
        });
        ids.push(ten.id);
        // A chain under id 10 down to depth 200, then the rest spread over that chain.
        const chain = [ten.id];
        while (chain.length < 200) {
          const next = await store({
            senderId: chain.length % 2 ? b.id : a.id,
            receiverId: chain.length % 2 ? a.id : b.id,
            content: `depth ${chain.length + 1}`,
            parentMessageId: chain.at(-1) as number,
          });
          chain.push(next.id);
          ids.push(next.id);
        }
        while (ids.length < 1000) {
          const under = chain[ids.length % (chain.length - 1)] as number;
          ids.push(
            (
              await store({
                senderId: a.id,
                receiverId: b.id,
                content: "leaf",
                parentMessageId: under,
              })
            ).id,
          );
        }
        return { root, ids, ten, deepest: chain.at(-1) as number };
      });
      expect(thread.ids.slice(0, 2)).toEqual([1, 2]);
      expect(thread.ten.id).toBe(10);

      const { result, count, statements } = await countAsync(() =>
        loadThread(a.id, thread.deepest),
      );
      expect(count).toBe(4);
      expect(threadWalks(statements)).toHaveLength(1);
      expect(result).toHaveLength(1000);
      expect(Math.max(...result.map((m) => m.depth))).toBe(200);
      const rootChildren = result.filter((m) => m.parentId === thread.root.id).map((m) => m.id);
      expect(rootChildren).toEqual([2, 10]);
      expect(result.findIndex((m) => m.id === 2)).toBeLessThan(
        result.findIndex((m) => m.id === 10),
      );
    },
    SLOW_SETUP_MS,
  );

  it(
    "goes deeper than 1,000 levels",
    async () => {
      const { a, b } = await pair();
      const last = await withoutReceivers(BULK_SETUP_MUTED, async () => {
        let parent = await send(a.id, b.id, "root");
        for (let i = 0; i < 1_100; i++) {
          parent = await store({
            senderId: a.id,
            receiverId: b.id,
            content: `${i}`,
            parentMessageId: parent.id,
          });
        }
        return parent;
      });
      const thread = await loadThread(b.id, last.id);
      expect(thread).toHaveLength(1_101);
      expect(thread.at(-1)?.depth).toBe(1_100);
    },
    SLOW_SETUP_MS,
  );

  it("is not-found for a non-participant and for a missing message", async () => {
    const { a, b } = await pair();
    const c = await makeUser("Cleo");
    const root = await send(a.id, b.id, "secret");
    const reply = expectOk(await replyToMessage(b.id, { parentMessageId: root.id, content: "re" }));
    await expect(loadThread(c.id, reply.id)).rejects.toThrow(NotFoundError);
    await expect(loadThread(c.id, 424_242)).rejects.toThrow(NotFoundError);
  });

  it("keeps the replies of a tombstoned parent", async () => {
    const { a, b } = await pair();
    const root = await send(a.id, b.id, "root");
    expectOk(await replyToMessage(b.id, { parentMessageId: root.id, content: "still here" }));
    expectOk(await deleteMessage(a.id, { messageId: root.id }));
    const thread = await loadThread(b.id, root.id);
    expect(thread.map((m) => [m.deleted, m.content])).toEqual([
      [true, ""],
      [false, "still here"],
    ]);
  });
});

describe("subthread", () => {
  it("keeps a message and its descendants, with depths counted from it", async () => {
    const { a, b } = await pair();
    const root = await send(a.id, b.id, "root");
    const r1 = expectOk(await replyToMessage(b.id, { parentMessageId: root.id, content: "r1" }));
    expectOk(await replyToMessage(a.id, { parentMessageId: r1.id, content: "r1.1" }));
    expectOk(await replyToMessage(a.id, { parentMessageId: root.id, content: "r2" }));
    const part = subthread(await loadThread(a.id, root.id), r1.id);
    expect(part.map((m) => [m.content, m.depth])).toEqual([
      ["r1", 0],
      ["r1.1", 1],
    ]);
  });
});

describe("the conversation view with threads", () => {
  it(
    "shows top-level messages with their reply counts in a constant number of statements",
    async () => {
      const { a, b } = await pair();
      const one = await send(a.id, b.id, "lonely");
      const small = await countAsync(() => conversationFor(a.id, b.id));

      const roots = [one];
      for (let i = 1; i < 50; i++)
        roots.push(await send(i % 2 ? b.id : a.id, i % 2 ? a.id : b.id, `top ${i}`));
      await withoutReceivers(BULK_SETUP_MUTED, async () => {
        for (let i = 0; i < 500; i++) {
          const root = roots[i % roots.length];
          if (!root) throw new Error("unreachable");
          const first = expectOk(
            await replyToMessage(b.id, { parentMessageId: root.id, content: `r${i}` }),
          );
          if (i % 5 === 0)
            expectOk(await replyToMessage(a.id, { parentMessageId: first.id, content: "nested" }));
        }
      });
      const large = await countAsync(() => conversationFor(a.id, b.id));
      expect(large.result.messages).toHaveLength(50);
      expect(large.count).toBe(small.count);
      const total = large.result.messages.reduce((sum, m) => sum + m.replyCount, 0);
      expect(total).toBe(600);
      expect(await brokenForeignKeys()).toEqual(NO_BROKEN_FOREIGN_KEYS);
    },
    SLOW_SETUP_MS,
  );
});
