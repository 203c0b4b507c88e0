import { describe, expect, it } from "vitest";
import { countSync } from "@/db/statement-counter";
import { listColleagues, loadConversation } from "@/lib/conversations";
import { sendMessage } from "@/lib/messages";
import { NotFoundError } from "@/lib/result";
import { makeUser } from "./helpers";

function send(senderId: number, receiverId: number, content: string) {
  const result = sendMessage(senderId, { receiverId, content });
  if (!result.ok) throw new Error(result.error);
  return result.data;
}

async function conversationOf(length: number) {
  const a = await makeUser("Ada");
  const b = await makeUser("Brian");
  for (let i = 0; i < length; i++) {
    if (i % 2 === 0) send(a.id, b.id, `from Ada ${i}`);
    else send(b.id, a.id, `from Brian ${i}`);
  }
  return { a, b };
}

describe("loadConversation", () => {
  it("shows both directions, oldest to newest, with sender names", async () => {
    const { a, b } = await conversationOf(3);
    const other = await makeUser("Other");
    send(a.id, other.id, "not in this conversation");
    const { other: who, messages } = loadConversation(a.id, b.id);
    expect(who.name).toBe("Brian");
    expect(messages.map((m) => [m.senderName, m.content])).toEqual([
      ["Ada", "from Ada 0"],
      ["Brian", "from Brian 1"],
      ["Ada", "from Ada 2"],
    ]);
  });

  it("runs the same constant number of statements for 3 and for 300 messages", async () => {
    const small = await conversationOf(3);
    const large = await conversationOf(300);
    const three = countSync(() => loadConversation(small.a.id, small.b.id));
    const many = countSync(() => loadConversation(large.a.id, large.b.id, { limit: 300 }));
    expect(three.result.messages).toHaveLength(3);
    expect(many.result.messages).toHaveLength(300);
    expect(three.count).toBe(2);
    expect(many.count).toBe(three.count);
  });

  it("shows notes to self once each", async () => {
    const a = await makeUser("Ada");
    send(a.id, a.id, "note one");
    send(a.id, a.id, "note two");
    expect(loadConversation(a.id, a.id).messages.map((m) => m.content)).toEqual([
      "note one",
      "note two",
    ]);
  });

  it("pages by cursor through both directions without gaps or duplicates", async () => {
    const { a, b } = await conversationOf(7);
    const newest = loadConversation(a.id, b.id, { limit: 3 });
    const older = loadConversation(a.id, b.id, { limit: 3, before: newest.messages[0]?.id });
    const oldest = loadConversation(b.id, a.id, { limit: 3, before: older.messages[0]?.id });
    expect([newest, older, oldest].map((page) => page.hasOlder)).toEqual([true, true, false]);
    const contents = [...oldest.messages, ...older.messages, ...newest.messages].map(
      (m) => m.content,
    );
    expect(contents).toEqual(
      Array.from({ length: 7 }, (_, i) => (i % 2 ? `from Brian ${i}` : `from Ada ${i}`)),
    );
  });

  it("throws not-found for an unknown colleague", async () => {
    const a = await makeUser();
    expect(() => loadConversation(a.id, 424242)).toThrow(NotFoundError);
  });
});

describe("listColleagues", () => {
  it("lists everyone with the last message of each conversation, in one statement", async () => {
    const { a, b } = await conversationOf(2);
    const c = await makeUser("Cleo");
    const { result, count } = countSync(() => listColleagues(a.id));
    expect(count).toBe(1);
    const byName = Object.fromEntries(result.map((x) => [x.name, x]));
    expect(byName.Brian?.lastMessage).toBe("from Brian 1");
    expect(byName.Brian?.unread).toBe(1);
    expect(byName.Cleo?.lastMessage).toBeNull();
    expect(result[0]?.isSelf).toBe(true);
    expect(result.map((x) => x.id)).toEqual([a.id, b.id, c.id]);
  });
});
