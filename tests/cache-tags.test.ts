import { describe, expect, it } from "vitest";
import { type CommittedEvent, connect } from "@/db/events";
import { deleteAccount } from "@/lib/accounts/accounts";
import { tagsForMessageEvent } from "@/lib/messaging/cache-tags";
import { deleteMessage, editMessage } from "@/lib/messaging/messages";
import { replyToMessage } from "@/lib/messaging/threads";
import { conversationTag, threadTag } from "@/lib/platform/cache";
import { markAllRead, markRead } from "@/lib/unread/mark-read";
import { expectOk, makeUser, PASSWORD, send } from "./helpers";

/** The tags every committed message write expires, as the cache receiver computes them. */
function recordTags() {
  const expired: string[][] = [];
  connect(
    "afterCommit",
    "messages",
    async (event: CommittedEvent<"messages">) =>
      expired.push((await tagsForMessageEvent(event)).sort()),
    { id: "test.record-tags" },
  );
  return {
    take() {
      const all = expired.splice(0);
      return [...new Set(all.flat())].sort();
    },
  };
}

async function trio() {
  return { a: await makeUser("Ada"), b: await makeUser("Bo"), c: await makeUser("Cy") };
}

describe("the tags each write expires", () => {
  it("send, reply, edit, delete and read state each expire exactly what they touch", async () => {
    const { a, b } = await trio();
    const tags = recordTags();
    const conv = conversationTag(a.id, b.id);
    expect(conv).toBe(conversationTag(b.id, a.id));

    const root = await send(a.id, b.id, "root");
    expect(tags.take()).toEqual([conv, threadTag(root.id)].sort());

    const reply = expectOk(
      await replyToMessage(b.id, { parentMessageId: root.id, content: "reply" }),
    );
    expect(tags.take()).toEqual([conv, threadTag(root.id)].sort());

    const nested = expectOk(
      await replyToMessage(a.id, { parentMessageId: reply.id, content: "nested" }),
    );
    tags.take();
    expectOk(await editMessage(a.id, { messageId: nested.id, content: "nested, edited" }));
    expect(tags.take()).toEqual([threadTag(root.id)]);

    expectOk(await editMessage(a.id, { messageId: root.id, content: "root, edited" }));
    expect(tags.take()).toEqual([conv, threadTag(root.id)].sort());

    expectOk(await markRead(b.id, { messageIds: [root.id] }));
    expect(tags.take()).toEqual([conv, threadTag(root.id)].sort());

    // The conversation shows each thread's unread replies: a reply's read state touches it.
    expectOk(await markRead(a.id, { messageIds: [reply.id] }));
    expect(tags.take()).toEqual([conv, threadTag(root.id)].sort());

    expectOk(await deleteMessage(a.id, { messageId: nested.id }));
    expect(tags.take()).toEqual([conv, threadTag(root.id)].sort());

    expectOk(await deleteMessage(a.id, { messageId: root.id })); // a tombstone: it has a reply
    expect(tags.take()).toEqual([conv, threadTag(root.id)].sort());
  });

  it("mark all read expires every conversation and thread it changed, in one event", async () => {
    const { a, b, c } = await trio();
    const fromB = await send(b.id, a.id, "from b");
    const fromC = await send(c.id, a.id, "from c");
    const reply = expectOk(
      await replyToMessage(c.id, { parentMessageId: fromC.id, content: "more from c" }),
    );
    const tags = recordTags();
    await markAllRead(a.id);
    expect(tags.take()).toEqual(
      [
        conversationTag(a.id, b.id),
        conversationTag(a.id, c.id),
        threadTag(fromB.id),
        threadTag(fromC.id),
      ].sort(),
    );
    expect(reply.parentMessageId).toBe(fromC.id);
  });

  it("deleting an account expires every conversation of that user, and only those", async () => {
    const { a, b, c } = await trio();
    const d = await makeUser("Di");
    const withB = await send(a.id, b.id, "to b");
    const withC = await send(c.id, a.id, "from c");
    expectOk(await replyToMessage(b.id, { parentMessageId: withB.id, content: "reply from b" }));
    await send(c.id, d.id, "unrelated");
    const tags = recordTags();
    expectOk(await deleteAccount(a.id, { password: PASSWORD }));
    expect(tags.take()).toEqual(
      [
        conversationTag(a.id, b.id),
        conversationTag(a.id, c.id),
        threadTag(withB.id),
        threadTag(withC.id),
      ].sort(),
    );
  });
});
