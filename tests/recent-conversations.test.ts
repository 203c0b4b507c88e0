import { describe, expect, it } from "vitest";
import { insert } from "@/db/events";
import { countAsync } from "@/db/statement-counter";
import { RECENT_LIMIT } from "@/lib/live/apply-recent";
import { recentConversations } from "@/lib/messaging/recent-conversations";
import { markRead } from "@/lib/unread/mark-read";
import { expectOk, makeUser } from "./helpers";

let clock = 1_700_000_000_000;
/** Messages one second apart, so "newest activity" never ties. */
function at(senderId: number, receiverId: number, extra: { parentMessageId?: number } = {}) {
  clock += 1000;
  return insert("messages", { senderId, receiverId, content: "hi", createdAt: clock, ...extra });
}

describe("recentConversations", () => {
  it("lists conversations newest activity first, with the unread count from each colleague", async () => {
    const me = await makeUser("Me");
    const bo = await makeUser("Bo");
    const cy = await makeUser("Cy");
    const di = await makeUser("Di");
    await makeUser("Never talked to");
    const fromBo = await at(bo.id, me.id);
    await at(bo.id, me.id);
    await at(me.id, cy.id);
    await at(di.id, me.id);
    await at(me.id, me.id);
    // A reply in the conversation with Bo is the newest activity of all.
    await at(me.id, bo.id, { parentMessageId: fromBo.id });
    const list = await recentConversations(me.id);
    expect(list.map((c) => [c.name, c.unread])).toEqual([
      ["Bo", 2],
      ["Me", 0],
      ["Di", 1],
      ["Cy", 0],
    ]);
    expect(list[0]?.lastActivityAt).toBe(clock);
    // Bo's view: one conversation, nothing unread from Me.
    expect((await recentConversations(bo.id)).map((c) => [c.name, c.unread])).toEqual([["Me", 1]]);
    expectOk(await markRead(me.id, { messageIds: [fromBo.id] }));
    expect((await recentConversations(me.id))[0]?.unread).toBe(1);
  });

  it("costs one statement for 2 conversations and for 40, and lists at most a page", async () => {
    const me = await makeUser("Me");
    const few = await makeUser("Few");
    await at(few.id, me.id);
    const small = await countAsync(() => recentConversations(me.id));
    expect(small.count).toBe(1);
    for (let i = 0; i < RECENT_LIMIT + 10; i++) {
      const other = await makeUser(`Colleague ${i}`);
      await at(other.id, me.id);
      await at(me.id, other.id);
    }
    const large = await countAsync(() => recentConversations(me.id));
    expect(large.count).toBe(1);
    expect(large.result).toHaveLength(RECENT_LIMIT);
    expect(large.result[0]?.name).toBe(`Colleague ${RECENT_LIMIT + 9}`);
    expect(large.result[0]?.unread).toBe(1);
  });

  it("leaves tombstones out of the unread count", async () => {
    const me = await makeUser("Me");
    const bo = await makeUser("Bo");
    await at(bo.id, me.id);
    clock += 1000;
    await insert("messages", {
      senderId: bo.id,
      receiverId: me.id,
      content: "x",
      createdAt: clock,
      deletedAt: clock,
    });
    expect((await recentConversations(me.id)).map((c) => c.unread)).toEqual([1]);
  });
});
