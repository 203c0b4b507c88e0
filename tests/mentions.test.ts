import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/query";
import { countAsync } from "@/db/statement-counter";
import { renameUser } from "@/lib/accounts/accounts";
import { editableText } from "@/lib/mentions/editable";
import { mentionsIn, resolveTokens } from "@/lib/mentions/parse";
import { mentionSuggestions, ROOM_SUGGESTION } from "@/lib/mentions/suggestions";
import { editMessage, sendMessage } from "@/lib/messaging/messages";
import { replyToMessage } from "@/lib/messaging/threads";
import { plainText } from "@/lib/platform/markdown/plain-text";
import { NotFoundError } from "@/lib/platform/result";
import { sendRoomMessage } from "@/lib/rooms/room-messages";
import { addRoomMember, createRoom, joinRoom, makeRoomAdmin } from "@/lib/rooms/rooms";
import { listNotifications, unreadCounts } from "@/lib/unread/notifications";
import { addMembers, expectOk, makeUser } from "./helpers";

async function notificationsOf(userId: number) {
  return rows<{ message_id: number; kind: string }>(
    sql`select message_id, kind from notifications where user_id = ${userId} order by id`,
  );
}

async function roomWith(admin: { id: number }, name: string, members: { id: number }[]) {
  const room = expectOk(await createRoom(admin.id, { name, kind: "private", topic: "" }));
  for (const member of members) {
    expectOk(await addRoomMember(admin.id, { roomId: room.id, userId: member.id }));
  }
  return room;
}

describe("parsing mentions", () => {
  it("finds stored and typed mentions, and @room, but never inside code or a word", () => {
    const found = mentionsIn("hi @**Ada Lovelace|12** and @**Brian** and @room `@room` a@room");
    expect(found.userIds).toEqual([12]);
    expect(found.room).toBe(true);
    expect(found.tokens.map((t) => [t.name, t.id])).toEqual([
      ["Ada Lovelace", 12],
      ["Brian", undefined],
    ]);
    expect(mentionsIn("`@**Ada|12**` and email@**x|3**").userIds).toEqual([]);
    expect(mentionsIn("just `@room` and me@room.test").room).toBe(false);
  });

  it("resolves names against the members: unique names and ids of members only", () => {
    const members = [
      { id: 1, name: "Ada Lovelace" },
      { id: 2, name: "Sam" },
      { id: 3, name: "sam" },
    ];
    const source = "@**ada lovelace** @**Sam** @**Nobody** @**Forged|99** @**Old name|1**";
    expect(resolveTokens(source, mentionsIn(source).tokens, members)).toBe(
      "@**Ada Lovelace|1** @**Sam** @**Nobody** @**Forged** @**Ada Lovelace|1**",
    );
  });

  it("shows a mention as @Name in previews", () => {
    expect(plainText("ping @**Ada Lovelace|1** and @room")).toBe("ping @Ada Lovelace and @room");
  });
});

describe("mentions in rooms", () => {
  it("stores a typed mention as the member's id and notifies only that member, once", async () => {
    const ada = await makeUser("Ada Lovelace");
    const brian = await makeUser("Brian Kernighan");
    const cleo = await makeUser("Cleo");
    const room = await roomWith(ada, "mentions-a", [brian, cleo]);
    const sent = expectOk(
      await sendRoomMessage(ada.id, {
        roomId: room.id,
        content: "hey @**brian kernighan** and again @**Brian Kernighan**",
      }),
    );
    expect(sent.content).toBe(
      `hey @**Brian Kernighan|${brian.id}** and again @**Brian Kernighan|${brian.id}**`,
    );
    expect(await notificationsOf(brian.id)).toEqual([{ message_id: sent.id, kind: "mention" }]);
    expect(await notificationsOf(cleo.id)).toEqual([]);
    expect(await notificationsOf(ada.id)).toEqual([]);
    expect((await unreadCounts(brian.id)).notifications).toBe(1);
    const [item] = await listNotifications(brian.id);
    expect(item).toMatchObject({
      kind: "mention",
      roomName: "mentions-a",
      senderName: "Ada Lovelace",
    });
  });

  it("a plain room message notifies nobody; a reply notifies its parent's author once, mention or not", async () => {
    const ada = await makeUser("Ada");
    const brian = await makeUser("Brian");
    const room = await roomWith(ada, "mentions-b", [brian]);
    const root = expectOk(await sendRoomMessage(brian.id, { roomId: room.id, content: "plain" }));
    expect(await notificationsOf(ada.id)).toEqual([]);
    const reply = expectOk(
      await replyToMessage(ada.id, { parentMessageId: root.id, content: "@**Brian** yes" }),
    );
    expect(await notificationsOf(brian.id)).toEqual([{ message_id: reply.id, kind: "reply" }]);
  });

  it("does not notify a mentioned colleague who is not a member", async () => {
    const ada = await makeUser("Ada");
    const outsider = await makeUser("Outsider");
    const room = await roomWith(ada, "mentions-c", []);
    const sent = expectOk(
      await sendRoomMessage(ada.id, {
        roomId: room.id,
        content: `@**Outsider** @**Outsider|${outsider.id}**`,
      }),
    );
    expect(sent.content).toBe("@**Outsider** @**Outsider**");
    expect(await notificationsOf(outsider.id)).toEqual([]);
  });

  it("@room notifies every member but the sender, once each, in one statement", async () => {
    const ada = await makeUser("Ada");
    const [bo, cy, di] = [await makeUser(), await makeUser(), await makeUser()];
    const room = await roomWith(ada, "mentions-d", [bo, cy, di]);
    const sent = expectOk(
      await sendRoomMessage(bo.id, {
        roomId: room.id,
        content: `@room and @**${cy.name}** @room`,
      }),
    );
    for (const user of [ada, cy, di]) {
      expect(await notificationsOf(user.id)).toEqual([{ message_id: sent.id, kind: "mention" }]);
    }
    expect(await notificationsOf(bo.id)).toEqual([]);
  });

  it("an edit notifies only the newly mentioned, and never twice", async () => {
    const ada = await makeUser("Ada");
    const brian = await makeUser("Brian");
    const cleo = await makeUser("Cleo");
    const room = await roomWith(ada, "mentions-e", [brian, cleo]);
    const sent = expectOk(
      await sendRoomMessage(ada.id, { roomId: room.id, content: "hi @**Brian**" }),
    );
    expectOk(await editMessage(ada.id, { messageId: sent.id, content: "hi @**Brian** @**Cleo**" }));
    expectOk(await editMessage(ada.id, { messageId: sent.id, content: "hi @room" }));
    expectOk(await editMessage(ada.id, { messageId: sent.id, content: "hi @**Brian** @room!" }));
    expect(await notificationsOf(brian.id)).toEqual([{ message_id: sent.id, kind: "mention" }]);
    expect(await notificationsOf(cleo.id)).toEqual([{ message_id: sent.id, kind: "mention" }]);
    expect(await notificationsOf(ada.id)).toEqual([]);
  });

  describe("@room in a room of over 100 members", () => {
    async function bigRoom() {
      const admin = await makeUser("Admin");
      const room = expectOk(
        await createRoom(admin.id, { name: `big-${admin.id}`, kind: "open", topic: "" }),
      );
      const { first } = await addMembers(room.id, 101, "Big");
      return { admin, room, memberId: first };
    }

    it("is suggested to the room's admins only, as the send allows it", async () => {
      const { admin, room, memberId } = await bigRoom();
      const forMember = expectOk(
        await mentionSuggestions(memberId, { roomId: room.id, q: "room" }),
      );
      expect(forMember).toEqual([]);
      const forAdmin = expectOk(await mentionSuggestions(admin.id, { roomId: room.id, q: "room" }));
      expect(forAdmin).toEqual([ROOM_SUGGESTION]);
    });

    it("is refused for a member with a clear message, and writes nothing", async () => {
      const { room, memberId } = await bigRoom();
      const [before] = await rows<{ n: number }>(sql`select count(*) as n from messages`);
      const refused = await sendRoomMessage(memberId, { roomId: room.id, content: "hey @room" });
      expect(refused).toMatchObject({
        ok: false,
        error: expect.stringMatching(/only the room's admins/),
      });
      const [after] = await rows<{ n: number }>(sql`select count(*) as n from messages`);
      expect(Number(after?.n)).toBe(Number(before?.n));
    });

    it("is allowed for a room admin (made admin or creator) and notifies all 101 others", async () => {
      const { admin, room, memberId } = await bigRoom();
      expectOk(await makeRoomAdmin(admin.id, { roomId: room.id, userId: memberId }));
      const sent = expectOk(
        await sendRoomMessage(memberId, { roomId: room.id, content: "@room hi" }),
      );
      const [row] = await rows<{ n: number }>(
        sql`select count(*) as n from notifications where message_id = ${sent.id}`,
      );
      expect(Number(row?.n)).toBe(101);
      const again = expectOk(
        await sendRoomMessage(admin.id, { roomId: room.id, content: "@room" }),
      );
      expect(again.content).toBe("@room");
    });
  });

  it("a send with mentions and @room costs the same statements in rooms of 3 and 1,500", async () => {
    const costs = [];
    for (const size of [3, 1_500]) {
      const ada = await makeUser("Ada");
      const brian = await makeUser("Brian");
      const room = expectOk(
        await createRoom(ada.id, { name: `cost-${size}`, kind: "open", topic: "" }),
      );
      expectOk(await joinRoom(brian.id, { roomId: room.id }));
      await addMembers(room.id, size, "Cost");
      const named = await countAsync(() =>
        sendRoomMessage(ada.id, { roomId: room.id, content: "@**Brian** look" }),
      );
      expectOk(named.result);
      const everyone = await countAsync(() =>
        sendRoomMessage(ada.id, { roomId: room.id, content: "@room look" }),
      );
      expectOk(everyone.result);
      const [n] = await rows<{ n: number }>(
        sql`select count(*) as n from notifications where message_id = ${expectOk(everyone.result).id}`,
      );
      expect(Number(n?.n)).toBe(size + 1);
      costs.push([named.count, everyone.count]);
    }
    expect(costs[0]).toEqual(costs[1]);
    // Named: access, resolve, insert, the notification's INSERT ... SELECT, the watching
    // members' read positions, and after the commit the sender's name for the room event's
    // message and the one mentioned member's badge counts for their live stream. @room:
    // access, the insert, the fan-out (the sender is the room's admin: no member count), the
    // watching members' positions, the sender's name, and no per-member counts.
    expect(costs[0]).toEqual([7, 5]);
  });
});

describe("mentions in direct messages", () => {
  it("notifies the receiver once, as a mention", async () => {
    const ada = await makeUser("Ada");
    const brian = await makeUser("Brian Smith");
    const sent = expectOk(
      await sendMessage(ada.id, {
        receiverId: brian.id,
        content: "@**brian smith** hi @**Brian Smith**",
      }),
    );
    expect(sent.content).toBe(`@**Brian Smith|${brian.id}** hi @**Brian Smith|${brian.id}**`);
    expect(await notificationsOf(brian.id)).toEqual([{ message_id: sent.id, kind: "mention" }]);
    expectOk(await editMessage(ada.id, { messageId: sent.id, content: "edited @**Brian Smith**" }));
    expect(await notificationsOf(brian.id)).toHaveLength(1);
    const [item] = await listNotifications(brian.id);
    expect(item).toMatchObject({ kind: "mention", roomName: null });
  });

  it("survives a rename: the stored id still names the colleague", async () => {
    const ada = await makeUser("Ada");
    const brian = await makeUser("Brian");
    const sent = expectOk(
      await sendMessage(ada.id, { receiverId: brian.id, content: "@**Brian**" }),
    );
    await rows(sql`update users set name = 'Bryan' where id = ${brian.id} returning id`);
    expect(mentionsIn(sent.content).userIds).toEqual([brian.id]);
    // Mentioning by the new name resolves to the same person.
    const again = expectOk(
      await sendMessage(ada.id, { receiverId: brian.id, content: "@**bryan**" }),
    );
    expect(again.content).toBe(`@**Bryan|${brian.id}**`);
  });
});

describe("mention suggestions", () => {
  it("suggests a room's members by name, leaving out the viewer", async () => {
    const ada = await makeUser("Ada");
    const brian = await makeUser("Brian");
    const bruno = await makeUser("Bruno");
    const room = await roomWith(ada, "suggest-a", [brian, bruno]);
    const all = expectOk(await mentionSuggestions(ada.id, { roomId: String(room.id), q: "" }));
    expect(all.map((s) => s.name)).toEqual(["Brian", "Bruno", "Everyone in the room"]);
    const some = expectOk(await mentionSuggestions(ada.id, { roomId: room.id, q: "UN" }));
    expect(some).toEqual([{ id: bruno.id, name: "Bruno" }]);
    expect(expectOk(await mentionSuggestions(ada.id, { roomId: room.id, q: "%" }))).toEqual([]);
  });

  it("offers @room (Everyone in the room) in rooms, to members, for room or everyone", async () => {
    const ada = await makeUser("Ada");
    const rohan = await makeUser("Rohan");
    const cy = await makeUser("Cy");
    const room = await roomWith(ada, "suggest-room", [rohan]);
    const ro = expectOk(await mentionSuggestions(ada.id, { roomId: room.id, q: "ro" }));
    expect(ro).toEqual([{ id: rohan.id, name: "Rohan" }, ROOM_SUGGESTION]);
    const every = expectOk(await mentionSuggestions(rohan.id, { roomId: room.id, q: "Every" }));
    expect(every).toEqual([ROOM_SUGGESTION]);
    expect(expectOk(await mentionSuggestions(ada.id, { roomId: room.id, q: "roh" }))).toEqual([
      { id: rohan.id, name: "Rohan" },
    ]);
    // In a thread of the room too; never in a direct conversation.
    const sent = expectOk(await sendRoomMessage(ada.id, { roomId: room.id, content: "x" }));
    const inThread = expectOk(await mentionSuggestions(rohan.id, { messageId: sent.id, q: "" }));
    expect(inThread.at(-1)).toEqual(ROOM_SUGGESTION);
    expect(expectOk(await mentionSuggestions(ada.id, { userId: cy.id, q: "" }))).toEqual([
      { id: cy.id, name: "Cy" },
    ]);
    // A reader of an open room who has not joined cannot write there: no @room.
    const open = expectOk(
      await createRoom(ada.id, { name: "suggest-open", kind: "open", topic: "" }),
    );
    expect(expectOk(await mentionSuggestions(cy.id, { roomId: open.id, q: "room" }))).toEqual([]);
  });

  it("suggests the other person of a direct conversation, and a thread's conversation", async () => {
    const ada = await makeUser("Ada");
    const brian = await makeUser("Brian");
    expect(expectOk(await mentionSuggestions(ada.id, { userId: brian.id, q: "bri" }))).toEqual([
      { id: brian.id, name: "Brian" },
    ]);
    const sent = expectOk(await sendMessage(brian.id, { receiverId: ada.id, content: "hi" }));
    expect(expectOk(await mentionSuggestions(ada.id, { messageId: sent.id }))).toEqual([
      { id: brian.id, name: "Brian" },
    ]);
  });

  it("is not found for a non-member of a private room, nor for a thread one cannot read", async () => {
    const ada = await makeUser("Ada");
    const brian = await makeUser("Brian");
    const eve = await makeUser("Eve");
    const room = await roomWith(ada, "suggest-b", [brian]);
    await expect(mentionSuggestions(eve.id, { roomId: room.id, q: "" })).rejects.toThrow(
      NotFoundError,
    );
    const inRoom = expectOk(await sendRoomMessage(ada.id, { roomId: room.id, content: "x" }));
    await expect(mentionSuggestions(eve.id, { messageId: inRoom.id })).rejects.toThrow(
      NotFoundError,
    );
    const direct = expectOk(await sendMessage(ada.id, { receiverId: brian.id, content: "x" }));
    await expect(mentionSuggestions(eve.id, { messageId: direct.id })).rejects.toThrow(
      NotFoundError,
    );
  });

  it("refuses bad input with a clear message", async () => {
    const ada = await makeUser();
    expect(await mentionSuggestions(ada.id, { q: "x" })).toMatchObject({ ok: false });
    expect(await mentionSuggestions(ada.id, { roomId: "abc" })).toMatchObject({ ok: false });
    expect(await mentionSuggestions(ada.id, { roomId: 1, userId: 2 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/one of roomId/),
    });
  });
});

describe("editing a message with mentions", () => {
  it("shows mentions as @**Name** in the edit box, code left alone", () => {
    expect(editableText("hi @**Ada Lovelace|12**, `@**Ada|12**` and @room")).toBe(
      "hi @**Ada Lovelace**, `@**Ada|12**` and @room",
    );
    expect(editableText("no mentions")).toBe("no mentions");
  });

  it("keeps each mention's colleague on save, even renamed or sharing a name", async () => {
    const ada = await makeUser("Ada");
    const sam = await makeUser("Sam");
    const otherSam = await makeUser("Sam");
    const room = await roomWith(ada, "edit-mentions", [sam, otherSam]);
    const stored = `hi @**Sam|${otherSam.id}**`;
    const sent = expectOk(await sendRoomMessage(ada.id, { roomId: room.id, content: stored }));
    expect(sent.content).toBe(stored);
    expectOk(await renameUser(otherSam.id, { name: "Samuel" }));
    // What the edit box shows, changed and saved: still the same Sam.
    const shown = editableText(sent.content);
    expect(shown).toBe("hi @**Sam**");
    const edited = expectOk(
      await editMessage(ada.id, { messageId: sent.id, content: `${shown} and @**Ada**` }),
    );
    expect(edited.content).toBe(`hi @**Samuel|${otherSam.id}** and @**Ada|${ada.id}**`);
    // Saving the box unchanged changes nothing.
    const again = expectOk(
      await editMessage(ada.id, { messageId: sent.id, content: editableText(edited.content) }),
    );
    expect(again.content).toBe(edited.content);
    expect(again.editedAt).toBe(edited.editedAt);
  });
});
