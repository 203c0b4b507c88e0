import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { deleteMessage, editMessage, findMessage, storeMessage } from "@/lib/messages";
import { allRows, expectOk, makeUser, send } from "./helpers";

async function pair() {
  return { a: await makeUser("Ada"), b: await makeUser("Brian") };
}

describe("deleteMessage", () => {
  it("removes a message without replies, with its notifications and history", async () => {
    const { a, b } = await pair();
    const message = send(a.id, b.id, "oops");
    expectOk(editMessage(a.id, { messageId: message.id, content: "oops!" }));
    const kept = send(a.id, b.id, "keep me");
    const outcome = expectOk(deleteMessage(a.id, { messageId: message.id }));
    expect(outcome.tombstone).toBe(false);
    expect(findMessage(message.id)).toBeUndefined();
    expect(allRows("notifications").map((n) => n.message_id)).toEqual([kept.id]);
    expect(allRows("message_history")).toEqual([]);
  });

  it("turns a message with replies into a tombstone and keeps the replies", async () => {
    const { a, b } = await pair();
    const root = send(a.id, b.id, "question");
    expectOk(editMessage(a.id, { messageId: root.id, content: "question?" }));
    const reply = storeMessage({
      senderId: b.id,
      receiverId: a.id,
      content: "answer",
      parentMessageId: root.id,
    });
    const outcome = expectOk(deleteMessage(a.id, { messageId: root.id }));
    expect(outcome.tombstone).toBe(true);
    expect(findMessage(root.id)).toMatchObject({ content: "", edited: false });
    expect(findMessage(root.id)?.deletedAt).not.toBeNull();
    expect(findMessage(reply.id)?.content).toBe("answer");
    expect(allRows("message_history")).toEqual([]);
    expect(allRows("notifications").map((n) => n.message_id)).toEqual([reply.id]);
  });

  it("refuses to delete someone else's message and changes nothing", async () => {
    const { a, b } = await pair();
    const c = await makeUser("Cleo");
    const message = send(a.id, b.id, "mine");
    expect(deleteMessage(b.id, { messageId: message.id })).toMatchObject({ code: "forbidden" });
    expect(deleteMessage(c.id, { messageId: message.id })).toMatchObject({ code: "not_found" });
    expect(deleteMessage(a.id, { messageId: "x" })).toMatchObject({ code: "invalid" });
    expect(findMessage(message.id)).toEqual(message);
    expect(allRows("notifications")).toHaveLength(1);
  });

  it("leaves the foreign keys consistent", async () => {
    const { a, b } = await pair();
    const root = send(a.id, b.id, "root");
    storeMessage({ senderId: b.id, receiverId: a.id, content: "reply", parentMessageId: root.id });
    expectOk(deleteMessage(a.id, { messageId: root.id }));
    expect(getDb().$client.pragma("foreign_key_check")).toEqual([]);
  });
});
