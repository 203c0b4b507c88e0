import { describe, expect, it } from "vitest";
import { countAsync } from "@/db/statement-counter";
import { conversationFor } from "@/lib/messaging/cached-views";
import { listColleagues, PAGE_SIZE } from "@/lib/messaging/conversations";
import { sendMessage } from "@/lib/messaging/messages";
import { NotFoundError } from "@/lib/platform/result";
import { makeUser } from "./helpers";

async function send(senderId: number, receiverId: number, content: string) {
  const result = await sendMessage(senderId, { receiverId, content });
  if (!result.ok) throw new Error(result.error);
  return result.data;
}

async function conversationOf(length: number) {
  const a = await makeUser("Ada");
  const b = await makeUser("Brian");
  for (let i = 0; i < length; i++) {
    if (i % 2 === 0) await send(a.id, b.id, `from Ada ${i}`);
    else await send(b.id, a.id, `from Brian ${i}`);
  }
  return { a, b };
}

describe("conversationFor", () => {
  it("shows both directions, oldest to newest, with sender names", async () => {
    const { a, b } = await conversationOf(3);
    const other = await makeUser("Other");
    await send(a.id, other.id, "not in this conversation");
    const { other: who, messages } = await conversationFor(a.id, b.id);
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
    const three = await countAsync(() => conversationFor(small.a.id, small.b.id));
    expect(three.result.messages).toHaveLength(3);
    // The colleague, the page, its attachments (lib/files/views.ts) and its reactions.
    expect(three.count).toBe(4);
    // Every page of the 300, newest to oldest, costs what the page of 3 did, plus the check
    // that an older page's cursor belongs to this conversation: at most 5 (a constant, whatever the conversation's size).
    const seen: string[] = [];
    let before: number | undefined;
    let hasOlder = true;
    while (hasOlder) {
      const page = await countAsync(() => conversationFor(large.a.id, large.b.id, before));
      expect(page.result.messages).toHaveLength(Math.min(PAGE_SIZE, 300 - seen.length));
      expect(page.count).toBe(before === undefined ? three.count : three.count + 1);
      seen.unshift(...page.result.messages.map((m) => m.content));
      before = page.result.messages[0]?.id;
      hasOlder = page.result.hasOlder;
    }
    expect(seen).toHaveLength(300);
  });

  it("shows notes to self once each", async () => {
    const a = await makeUser("Ada");
    await send(a.id, a.id, "note one");
    await send(a.id, a.id, "note two");
    expect((await conversationFor(a.id, a.id)).messages.map((m) => m.content)).toEqual([
      "note one",
      "note two",
    ]);
  });

  it("pages by cursor through both directions without gaps or duplicates", async () => {
    const total = 2 * PAGE_SIZE + 7;
    const { a, b } = await conversationOf(total);
    const newest = await conversationFor(a.id, b.id);
    const older = await conversationFor(a.id, b.id, newest.messages[0]?.id);
    const oldest = await conversationFor(b.id, a.id, older.messages[0]?.id);
    expect([newest, older, oldest].map((page) => page.hasOlder)).toEqual([true, true, false]);
    expect([newest, older, oldest].map((page) => page.messages.length)).toEqual([
      PAGE_SIZE,
      PAGE_SIZE,
      7,
    ]);
    const contents = [...oldest.messages, ...older.messages, ...newest.messages].map(
      (m) => m.content,
    );
    expect(contents).toEqual(
      Array.from({ length: total }, (_, i) => (i % 2 ? `from Brian ${i}` : `from Ada ${i}`)),
    );
  });

  it("throws not-found for an unknown colleague", async () => {
    const a = await makeUser();
    await expect(conversationFor(a.id, 424242)).rejects.toThrow(NotFoundError);
  });
});

describe("listColleagues", () => {
  it("lists everyone with the last message of each conversation, in one statement", async () => {
    const { a, b } = await conversationOf(2);
    const c = await makeUser("Cleo");
    const { result, count } = await countAsync(() => listColleagues(a.id));
    expect(count).toBe(1);
    const byName = Object.fromEntries(result.map((x) => [x.name, x]));
    expect(byName.Brian?.lastMessage).toBe("from Brian 1");
    expect(byName.Brian?.unread).toBe(1);
    expect(byName.Cleo?.lastMessage).toBeNull();
    expect(result[0]?.isSelf).toBe(true);
    expect(result.map((x) => x.id)).toEqual([a.id, b.id, c.id]);
  });
});
