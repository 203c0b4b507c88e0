import { describe, expect, it } from "vitest";
import { deleteMessage, editMessage, findMessage } from "@/lib/messaging/messages";
import {
  allRows,
  brokenForeignKeys,
  expectOk,
  makeUser,
  NO_BROKEN_FOREIGN_KEYS,
  send,
  store,
} from "./helpers";
import { storeReplyChain } from "./support/reply-chain";

async function pair() {
  return { a: await makeUser("Ada"), b: await makeUser("Brian") };
}

describe("deleteMessage", () => {
  it("removes a message without replies, with its notifications and history", async () => {
    const { a, b } = await pair();
    const message = await send(a.id, b.id, "oops");
    expectOk(await editMessage(a.id, { messageId: message.id, content: "oops!" }));
    const kept = await send(a.id, b.id, "keep me");
    const outcome = expectOk(await deleteMessage(a.id, { messageId: message.id }));
    expect(outcome.tombstone).toBe(false);
    expect(await findMessage(message.id)).toBeUndefined();
    expect((await allRows("notifications")).map((n) => n.message_id)).toEqual([kept.id]);
    expect(await allRows("message_history")).toEqual([]);
  });

  it("turns a message with replies into a tombstone and keeps the replies", async () => {
    const { a, b } = await pair();
    const root = await send(a.id, b.id, "question");
    expectOk(await editMessage(a.id, { messageId: root.id, content: "question?" }));
    const reply = await store({
      senderId: b.id,
      receiverId: a.id,
      content: "answer",
      parentMessageId: root.id,
    });
    const outcome = expectOk(await deleteMessage(a.id, { messageId: root.id }));
    expect(outcome.tombstone).toBe(true);
    expect(await findMessage(root.id)).toMatchObject({ content: "", edited: false });
    expect((await findMessage(root.id))?.deletedAt).not.toBeNull();
    expect((await findMessage(reply.id))?.content).toBe("answer");
    expect(await allRows("message_history")).toEqual([]);
    expect((await allRows("notifications")).map((n) => n.message_id)).toEqual([reply.id]);
  });

  it("refuses to delete someone else's message and changes nothing", async () => {
    const { a, b } = await pair();
    const c = await makeUser("Cleo");
    const message = await send(a.id, b.id, "mine");
    expect(await deleteMessage(b.id, { messageId: message.id })).toMatchObject({
      code: "forbidden",
    });
    expect(await deleteMessage(c.id, { messageId: message.id })).toMatchObject({
      code: "not_found",
    });
    expect(await deleteMessage(a.id, { messageId: "x" })).toMatchObject({ code: "invalid" });
    expect(await findMessage(message.id)).toEqual(message);
    expect(await allRows("notifications")).toHaveLength(1);
  });

  it("leaves the foreign keys consistent", async () => {
    const { a, b } = await pair();
    const root = await send(a.id, b.id, "root");
    await store({
      senderId: b.id,
      receiverId: a.id,
      content: "reply",
      parentMessageId: root.id,
    });
    expectOk(await deleteMessage(a.id, { messageId: root.id }));
    expect(await brokenForeignKeys()).toEqual(NO_BROKEN_FOREIGN_KEYS);
  });

  it("works in a reply chain 5,000 deep: the root becomes a tombstone, the tip goes", async () => {
    const { a, b } = await pair();
    const chain = await storeReplyChain(a.id, b.id, 5_000);
    const root = chain[0] as number;
    const tip = chain.at(-1) as number;
    expect(expectOk(await deleteMessage(a.id, { messageId: root })).tombstone).toBe(true);
    // The chain alternates senders, starting with Ada: Bo wrote the last of 5,000.
    expect(expectOk(await deleteMessage(b.id, { messageId: tip })).tombstone).toBe(false);
    const left = await allRows("messages");
    expect(left.length).toBe(4_999);
    expect(left.filter((m) => m.parent_message_id !== null).length).toBe(4_998);
    expect(await brokenForeignKeys()).toEqual(NO_BROKEN_FOREIGN_KEYS);
  });
});
