import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/query";
import { countAsync } from "@/db/statement-counter";
import { isInboxCursor } from "@/lib/messaging/cursors";
import { replyToMessage } from "@/lib/messaging/threads";
import { markRoomRead, myRooms, sendRoomMessage } from "@/lib/rooms/room-messages";
import { addRoomMember, createRoom, joinRoom, setRoomMuted } from "@/lib/rooms/rooms";
import { loadInbox, unreadCountFor, unreadFor } from "@/lib/unread/inbox";
import { markAllRead } from "@/lib/unread/mark-read";
import { unreadCounts } from "@/lib/unread/notifications";
import { expectOk, makeUser, send } from "./helpers";

async function roomOf(creatorId: number, name: string, kind: "open" | "private" = "open") {
  return expectOk(await createRoom(creatorId, { name, kind, topic: "" }));
}

async function say(senderId: number, roomId: number, content: string) {
  return expectOk(await sendRoomMessage(senderId, { roomId, content }));
}

describe("the inbox, with rooms", () => {
  it("lists unread room messages beside unread direct messages, newest first", async () => {
    const ada = await makeUser("Ada");
    const bo = await makeUser("Bo");
    const room = await roomOf(ada.id, "inbox-general");
    expectOk(await joinRoom(bo.id, { roomId: room.id }));
    const direct = await send(ada.id, bo.id, "a direct message");
    const inRoom = await say(ada.id, room.id, "a **room** message");
    const reply = expectOk(
      await replyToMessage(ada.id, { parentMessageId: inRoom.id, content: "a reply in the room" }),
    );
    await say(bo.id, room.id, "Bo's own");
    const unread = await unreadFor(bo.id);
    expect(unread.map((m) => m.snippet)).toEqual([
      "a reply in the room",
      "a room message",
      "a direct message",
    ]);
    expect(unread[1]).toEqual({
      id: inRoom.id,
      senderId: ada.id,
      senderName: "Ada",
      snippet: "a room message",
      createdAt: inRoom.createdAt,
      parentMessageId: null,
      roomId: room.id,
      roomName: "inbox-general",
    });
    expect(unread[0]).toMatchObject({ id: reply.id, parentMessageId: inRoom.id, roomId: room.id });
    expect(unread[2]).toMatchObject({ id: direct.id, roomId: null, roomName: null });
    expect(await unreadCountFor(bo.id)).toBe(3);
    expect(await unreadCounts(bo.id)).toEqual({ inbox: 3, notifications: 1 });
    // Her own messages are never unread for Ada; Bo's is.
    expect((await unreadFor(ada.id)).map((m) => m.snippet)).toEqual(["Bo's own"]);
  });

  it("leaves a muted room out of the list and every count; unmuting brings it back", async () => {
    const ada = await makeUser("Ada");
    const bo = await makeUser("Bo");
    const room = await roomOf(ada.id, "inbox-muted");
    expectOk(await joinRoom(bo.id, { roomId: room.id }));
    await say(ada.id, room.id, "one");
    await say(ada.id, room.id, "two");
    expectOk(await setRoomMuted(bo.id, { roomId: room.id, muted: true }));
    expect(await loadInbox(bo.id)).toEqual({ messages: [], total: 0 });
    expect((await unreadCounts(bo.id)).inbox).toBe(0);
    expect(await myRooms(bo.id)).toMatchObject([{ muted: true, unread: 0 }]);
    expectOk(await setRoomMuted(bo.id, { roomId: room.id, muted: false }));
    expect((await loadInbox(bo.id)).total).toBe(2);
    expect((await unreadCounts(bo.id)).inbox).toBe(2);
  });

  it("counts from the read position; a non-member sees nothing of a private room", async () => {
    const ada = await makeUser("Ada");
    const bo = await makeUser("Bo");
    const room = await roomOf(ada.id, "inbox-private", "private");
    expectOk(await addRoomMember(ada.id, { roomId: room.id, userId: bo.id }));
    await say(ada.id, room.id, "before reading");
    await markRoomRead(bo.id, room.id);
    const after = await say(ada.id, room.id, "after reading");
    expect((await unreadFor(bo.id)).map((m) => m.id)).toEqual([after.id]);
    expect(await isInboxCursor(bo.id, after.id)).toBe(true);
    // A new member starts reading where the room is when they join.
    const cy = await makeUser("Cy");
    expectOk(await addRoomMember(ada.id, { roomId: room.id, userId: cy.id }));
    expect((await loadInbox(cy.id)).total).toBe(0);
    await say(ada.id, room.id, "welcome, Cy");
    expect((await loadInbox(cy.id)).total).toBe(1);
    // A non-member never sees the private room's messages, nor pages from them.
    const eve = await makeUser("Eve");
    expect(await loadInbox(eve.id)).toEqual({ messages: [], total: 0 });
    expect(await isInboxCursor(eve.id, after.id)).toBe(false);
  });

  it("pages by cursor across direct and room messages alike", async () => {
    const ada = await makeUser("Ada");
    const bo = await makeUser("Bo");
    const room = await roomOf(ada.id, "inbox-pages");
    expectOk(await joinRoom(bo.id, { roomId: room.id }));
    const expected: string[] = [];
    for (let i = 0; i < 6; i++) {
      const content = `m${i}`;
      if (i % 2 === 0) await send(ada.id, bo.id, content);
      else await say(ada.id, room.id, content);
      expected.unshift(content);
    }
    const seen: string[] = [];
    let before: number | undefined;
    for (let page = 0; page < 4; page++) {
      const found = await unreadFor(bo.id, { limit: 2, before });
      seen.push(...found.map((m) => m.snippet));
      before = found.at(-1)?.id;
      if (!before) break;
    }
    expect(seen).toEqual(expected);
  });

  it("Mark all as read clears direct messages and rooms not muted, in one transaction", async () => {
    const ada = await makeUser("Ada");
    const bo = await makeUser("Bo");
    const loud = await roomOf(ada.id, "inbox-loud");
    const quiet = await roomOf(ada.id, "inbox-quiet");
    for (const room of [loud, quiet]) expectOk(await joinRoom(bo.id, { roomId: room.id }));
    await send(ada.id, bo.id, "direct");
    await say(ada.id, loud.id, "loud");
    await say(ada.id, quiet.id, "quiet");
    expectOk(await setRoomMuted(bo.id, { roomId: quiet.id, muted: true }));
    expect((await loadInbox(bo.id)).total).toBe(2);
    expect(await markAllRead(bo.id)).toEqual({ changed: 1 });
    expect((await loadInbox(bo.id)).total).toBe(0);
    // The muted room keeps its unread messages for when it is unmuted.
    expectOk(await setRoomMuted(bo.id, { roomId: quiet.id, muted: false }));
    expect((await unreadFor(bo.id)).map((m) => m.snippet)).toEqual(["quiet"]);
  });

  it("loads the inbox in 2 statements with no rooms or with 5 rooms full of unread", async () => {
    const ada = await makeUser("Ada");
    const lone = await makeUser("Lone reader");
    const busy = await makeUser("Busy reader");
    await send(ada.id, lone.id, "just one");
    for (let r = 0; r < 5; r++) {
      const room = await roomOf(ada.id, `inbox-cost-${r}`);
      expectOk(await joinRoom(busy.id, { roomId: room.id }));
      // Messages straight in SQL: the sizes, not the sending, are under test.
      await rows(sql`with recursive s(n) as (select 1 union all select n + 1 from s where n < 60)
        insert into messages (sender_id, room_id, content, created_at)
        select ${ada.id}, ${room.id}, 'bulk ' || n, ${sql.raw(String(Date.now()))} + n from s returning id`);
    }
    for (let i = 0; i < 40; i++) await send(ada.id, busy.id, `direct ${i}`);
    const few = await countAsync(() => loadInbox(lone.id));
    const many = await countAsync(() => loadInbox(busy.id));
    expect(few.result.total).toBe(1);
    expect(many.result.total).toBe(340);
    expect(many.result.messages).toHaveLength(50);
    expect([few.count, many.count]).toEqual([2, 2]);
    const counts = await countAsync(() => unreadCounts(busy.id));
    expect(counts.result.inbox).toBe(340);
    expect(counts.count).toBe(1);
  }, 120_000);
});
