import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/query";
import { countAsync } from "@/db/statement-counter";
import { deleteAccount } from "@/lib/accounts/accounts";
import { loadEditHistory } from "@/lib/messaging/edit-history";
import { deleteMessage, editMessage } from "@/lib/messaging/messages";
import { findThreadRoot, loadThreadFromRoot, replyToMessage } from "@/lib/messaging/threads";
import { NotFoundError, type Result } from "@/lib/platform/result";
import { roomAccess } from "@/lib/rooms/access";
import { markRoomRead, myRooms, roomFor, sendRoomMessage } from "@/lib/rooms/room-messages";
import {
  addRoomMember,
  archiveRoom,
  browseRooms,
  createRoom,
  joinRoom,
  leaveRoom,
  listRoomMembers,
  makeRoomAdmin,
  removeRoomMember,
  renameRoom,
  setRoomMuted,
  setRoomTopic,
} from "@/lib/rooms/rooms";
import { searchMessages } from "@/lib/search/search";
import { addMembers, brokenForeignKeys, expectOk, makeUser, PASSWORD } from "./helpers";

async function tableCounts() {
  const [row] = await rows<Record<string, number>>(sql`
    select (select count(*) from rooms) as rooms,
      (select count(*) from room_members) as members,
      (select count(*) from messages) as messages,
      (select count(*) from notifications) as notifications`);
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)]));
}

function expectRefused(result: Result<unknown>, message: RegExp) {
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error).toMatch(message);
}

async function roomOf(creatorId: number, name: string, kind: "open" | "private" = "open") {
  return expectOk(await createRoom(creatorId, { name, kind, topic: "" }));
}

describe("creating a room", () => {
  it("makes the creator its admin, keeps the topic, and shows as #name", async () => {
    const ada = await makeUser("Ada");
    const room = expectOk(
      await createRoom(ada.id, { name: "#design-team", topic: " Pixels ", kind: "open" }),
    );
    expect(room).toMatchObject({ name: "design-team", topic: "Pixels", kind: "open" });
    expect(await listRoomMembers(room.id)).toEqual([
      { userId: ada.id, name: "Ada", role: "admin" },
    ]);
  });

  const refusals: [string, unknown, RegExp][] = [
    ["an empty name", { name: " ", kind: "open" }, /Enter a room name/],
    ["a name over 80 characters", { name: "a".repeat(81), kind: "open" }, /at most 80/],
    ["a name with spaces", { name: "two words", kind: "open" }, /letters, digits, - and _/],
    ["a name with punctuation", { name: "drop;table", kind: "open" }, /letters, digits/],
    [
      "a topic over 250 characters",
      { name: "ok", topic: "t".repeat(251), kind: "open" },
      /at most 250/,
    ],
    ["an unknown kind", { name: "ok", kind: "secret" }, /Open or Private/],
    ["Latin mixed with Cyrillic", { name: "g\u0435neral", kind: "open" }, /one alphabet/],
    ["Latin mixed with Greek", { name: "\u03bfps-team", kind: "open" }, /one alphabet/],
    ["a right-to-left override", { name: "abc\u202Egpj", kind: "open" }, /letters, digits/],
    ["a zero-width joiner", { name: "team\u200Dx", kind: "open" }, /letters, digits/],
    ["an HTML tag", { name: "<script>alert(1)</script>", kind: "open" }, /letters, digits/],
    ["an SQL injection", { name: "x'; drop table rooms; --", kind: "open" }, /letters, digits/],
    ["a missing body", undefined, /./],
  ];
  for (const [what, input, message] of refusals) {
    it(`refuses ${what} and writes nothing`, async () => {
      const ada = await makeUser();
      const before = await tableCounts();
      expectRefused(await createRoom(ada.id, input), message);
      expect(await tableCounts()).toEqual(before);
    });
  }

  it("accepts 80 characters of letters in any script, digits, - and _", async () => {
    const ada = await makeUser();
    const name = `équipe_٣-${"x".repeat(71)}`;
    expect(name.length).toBe(80);
    expect(expectOk(await createRoom(ada.id, { name, kind: "private" })).name).toBe(name);
  });

  it("refuses a fullwidth spelling of a taken name, and accepts one script of any kind", async () => {
    const ada = await makeUser();
    await roomOf(ada.id, "lobby");
    const before = await tableCounts();
    expectRefused(
      await createRoom(ada.id, { name: "\uff4c\uff4f\uff42\uff42\uff59", kind: "open" }),
      /#lobby is taken/,
    );
    expect(await tableCounts()).toEqual(before);
    for (const name of ["команда", "東京チーム", "فريق-1", "ομάδα_2"]) {
      expect(expectOk(await createRoom(ada.id, { name, kind: "open" })).name).toBe(name);
    }
  });

  it("refuses a taken name whatever its case, and writes nothing", async () => {
    const ada = await makeUser();
    const brian = await makeUser();
    await roomOf(ada.id, "General");
    const before = await tableCounts();
    expectRefused(
      await createRoom(brian.id, { name: "gENERAL", kind: "open" }),
      /#gENERAL is taken/,
    );
    expect(await tableCounts()).toEqual(before);
  });
});

describe("browsing, joining and leaving", () => {
  it("lists open rooms not archived, with member counts and the viewer's membership", async () => {
    const ada = await makeUser();
    const brian = await makeUser();
    const general = await roomOf(ada.id, "general");
    await roomOf(ada.id, "secret", "private");
    const old = await roomOf(ada.id, "old");
    expectOk(await archiveRoom(ada.id, { roomId: old.id }));
    expect(await browseRooms(brian.id)).toEqual([
      { id: general.id, name: "general", topic: "", memberCount: 1, joined: false },
    ]);
    expectOk(await joinRoom(brian.id, { roomId: general.id }));
    expect((await browseRooms(brian.id))[0]).toMatchObject({ memberCount: 2, joined: true });
    expect(await browseRooms(brian.id, "GEN")).toHaveLength(1);
    expect(await browseRooms(brian.id, "%")).toHaveLength(0);
  });

  it("joins an open room once; refuses a private one as if it did not exist", async () => {
    const ada = await makeUser();
    const brian = await makeUser();
    const general = await roomOf(ada.id, "general");
    const secret = await roomOf(ada.id, "secret", "private");
    expectOk(await joinRoom(brian.id, { roomId: general.id }));
    expectOk(await joinRoom(brian.id, { roomId: general.id }));
    expect(await listRoomMembers(general.id)).toHaveLength(2);
    const before = await tableCounts();
    expectRefused(await joinRoom(brian.id, { roomId: secret.id }), /does not exist/);
    expectRefused(await joinRoom(brian.id, { roomId: 999_999 }), /does not exist/);
    expectRefused(await joinRoom(brian.id, { roomId: "x" }), /id is not valid/);
    expect(await tableCounts()).toEqual(before);
  });

  it("leaves a room; leaving one you are not in is refused", async () => {
    const ada = await makeUser();
    const brian = await makeUser();
    const general = await roomOf(ada.id, "general");
    expectOk(await joinRoom(brian.id, { roomId: general.id }));
    expectOk(await leaveRoom(brian.id, { roomId: general.id }));
    expectRefused(await leaveRoom(brian.id, { roomId: general.id }), /does not exist/);
    expect(await listRoomMembers(general.id)).toHaveLength(1);
  });
});

describe("members and admins", () => {
  it("a member adds a colleague to a private room; twice is refused", async () => {
    const ada = await makeUser();
    const brian = await makeUser("Brian");
    const cleo = await makeUser();
    const secret = await roomOf(ada.id, "secret", "private");
    expectOk(await addRoomMember(ada.id, { roomId: secret.id, userId: brian.id }));
    // Brian, now a member, adds Cleo.
    expectOk(await addRoomMember(brian.id, { roomId: secret.id, userId: cleo.id }));
    const before = await tableCounts();
    expectRefused(
      await addRoomMember(ada.id, { roomId: secret.id, userId: brian.id }),
      /Brian is already a member of #secret/,
    );
    expectRefused(
      await addRoomMember(ada.id, { roomId: secret.id, userId: 999_999 }),
      /colleague does not exist/,
    );
    expect(await tableCounts()).toEqual(before);
  });

  it("only admins rename, change the topic, remove members, promote and archive", async () => {
    const ada = await makeUser();
    const brian = await makeUser();
    const cleo = await makeUser();
    const room = await roomOf(ada.id, "general");
    await roomOf(ada.id, "taken");
    expectOk(await joinRoom(brian.id, { roomId: room.id }));
    expectOk(await joinRoom(cleo.id, { roomId: room.id }));
    expectRefused(await renameRoom(brian.id, { roomId: room.id, name: "mine" }), /Only the admins/);
    expectRefused(await setRoomTopic(brian.id, { roomId: room.id, topic: "x" }), /Only the admins/);
    expectRefused(
      await removeRoomMember(brian.id, { roomId: room.id, userId: cleo.id }),
      /Only the admins/,
    );
    expectRefused(await archiveRoom(brian.id, { roomId: room.id }), /Only the admins/);
    expectRefused(await renameRoom(ada.id, { roomId: room.id, name: "TAKEN" }), /is taken/);
    expect(expectOk(await renameRoom(ada.id, { roomId: room.id, name: "all-hands" })).name).toBe(
      "all-hands",
    );
    expect(expectOk(await setRoomTopic(ada.id, { roomId: room.id, topic: "Fridays" })).topic).toBe(
      "Fridays",
    );
    expectOk(await makeRoomAdmin(ada.id, { roomId: room.id, userId: brian.id }));
    expectOk(await removeRoomMember(brian.id, { roomId: room.id, userId: cleo.id }));
    expect((await listRoomMembers(room.id)).map((m) => m.role)).toEqual(["admin", "admin"]);
    expectOk(await archiveRoom(brian.id, { roomId: room.id }));
    expectRefused(
      await sendRoomMessage(ada.id, { roomId: room.id, content: "hello?" }),
      /archived/,
    );
  });
});

describe("authorization: a private room exists only for its members", () => {
  it("answers a non-member as for a room that does not exist, on every read and write", async () => {
    const ada = await makeUser();
    const eve = await makeUser();
    const secret = await roomOf(ada.id, "secret", "private");
    const message = expectOk(
      await sendRoomMessage(ada.id, { roomId: secret.id, content: "plans" }),
    );
    const reply = expectOk(
      await replyToMessage(ada.id, { parentMessageId: message.id, content: "more" }),
    );
    expect(await roomAccess(eve.id, secret.id)).toBeUndefined();
    await expect(roomFor(eve.id, secret.id)).rejects.toThrow(/No such room/);
    await expect(findThreadRoot(eve.id, reply.id)).rejects.toThrow(/No such thread/);
    await expect(loadEditHistory(eve.id, message.id)).rejects.toThrow(/No such message/);
    const before = await tableCounts();
    expectRefused(
      await sendRoomMessage(eve.id, { roomId: secret.id, content: "hi" }),
      /does not exist/,
    );
    expectRefused(
      await replyToMessage(eve.id, { parentMessageId: message.id, content: "hi" }),
      /does not exist/,
    );
    expectRefused(
      await editMessage(eve.id, { messageId: message.id, content: "x" }),
      /does not exist/,
    );
    expectRefused(await deleteMessage(eve.id, { messageId: message.id }), /does not exist/);
    expectRefused(await joinRoom(eve.id, { roomId: secret.id }), /does not exist/);
    expectRefused(await leaveRoom(eve.id, { roomId: secret.id }), /does not exist/);
    expectRefused(
      await addRoomMember(eve.id, { roomId: secret.id, userId: eve.id }),
      /does not exist/,
    );
    expectRefused(await renameRoom(eve.id, { roomId: secret.id, name: "x" }), /does not exist/);
    expectRefused(await archiveRoom(eve.id, { roomId: secret.id }), /does not exist/);
    expect(await tableCounts()).toEqual(before);
    expect((await myRooms(eve.id)).length).toBe(0);
  });

  it("a removed member loses access at once", async () => {
    const ada = await makeUser();
    const brian = await makeUser();
    const secret = await roomOf(ada.id, "secret", "private");
    expectOk(await addRoomMember(ada.id, { roomId: secret.id, userId: brian.id }));
    const mine = expectOk(
      await sendRoomMessage(brian.id, { roomId: secret.id, content: "quokka plans" }),
    );
    expect((await roomFor(brian.id, secret.id)).messages).toHaveLength(1);
    expectOk(await removeRoomMember(ada.id, { roomId: secret.id, userId: brian.id }));
    await expect(roomFor(brian.id, secret.id)).rejects.toThrow(/No such room/);
    await expect(findThreadRoot(brian.id, mine.id)).rejects.toThrow(/No such thread/);
    expectRefused(
      await editMessage(brian.id, { messageId: mine.id, content: "x" }),
      /does not exist/,
    );
    // Nor through search, even for their own words.
    expect(expectOk(await searchMessages(brian.id, { q: "quokka" })).results).toEqual([]);
  });

  it("an open room is readable before joining, writable only by members", async () => {
    const ada = await makeUser();
    const brian = await makeUser();
    const general = await roomOf(ada.id, "general");
    const hello = expectOk(await sendRoomMessage(ada.id, { roomId: general.id, content: "hello" }));
    const view = await roomFor(brian.id, general.id);
    expect(view.membership).toBeNull();
    expect(view.messages.map((m) => m.content)).toEqual(["hello"]);
    expect(await findThreadRoot(brian.id, hello.id)).toBe(hello.id);
    expectRefused(
      await sendRoomMessage(brian.id, { roomId: general.id, content: "hi" }),
      /Join #general/,
    );
    expectRefused(
      await replyToMessage(brian.id, { parentMessageId: hello.id, content: "hi" }),
      /Join #general/,
    );
  });
});

describe("messages in a room", () => {
  it("edits with history, deletes (tombstone with replies), threads in the room", async () => {
    const ada = await makeUser();
    const brian = await makeUser();
    const room = await roomOf(ada.id, "general");
    expectOk(await joinRoom(brian.id, { roomId: room.id }));
    const root = expectOk(await sendRoomMessage(ada.id, { roomId: room.id, content: "v1" }));
    expectOk(await editMessage(ada.id, { messageId: root.id, content: "v2" }));
    expect((await loadEditHistory(brian.id, root.id)).map((v) => v.content)).toEqual(["v2", "v1"]);
    expectRefused(
      await editMessage(brian.id, { messageId: root.id, content: "x" }),
      /does not exist/,
    );
    const reply = expectOk(
      await replyToMessage(brian.id, { parentMessageId: root.id, content: "re" }),
    );
    expect(reply).toMatchObject({ roomId: room.id, receiverId: null });
    const deep = expectOk(
      await replyToMessage(ada.id, { parentMessageId: reply.id, content: "re2" }),
    );
    expect(deep.roomId).toBe(room.id);
    expect((await roomFor(ada.id, room.id)).messages[0]?.replyCount).toBe(2);
    const deleted = expectOk(await deleteMessage(ada.id, { messageId: root.id }));
    expect(deleted.tombstone).toBe(true);
    const lone = expectOk(await sendRoomMessage(ada.id, { roomId: room.id, content: "lone" }));
    expect(expectOk(await deleteMessage(ada.id, { messageId: lone.id })).tombstone).toBe(false);
  });

  it("the check constraint refuses a message with both a receiver and a room, or neither", async () => {
    const ada = await makeUser();
    const room = await roomOf(ada.id, "general");
    const refusal = (query: Promise<unknown>) =>
      query.then(
        () => "stored",
        (error: Error) => `${error.message} ${String((error.cause as Error | undefined)?.message)}`,
      );
    expect(
      await refusal(
        rows(sql`insert into messages (sender_id, receiver_id, room_id, content)
          values (${ada.id}, ${ada.id}, ${room.id}, 'both') returning id`),
      ),
    ).toMatch(/messages_receiver_xor_room|CHECK constraint/i);
    expect(
      await refusal(
        rows(
          sql`insert into messages (sender_id, content) values (${ada.id}, 'neither') returning id`,
        ),
      ),
    ).toMatch(/messages_receiver_xor_room|CHECK constraint/i);
    const ok = await rows(
      sql`insert into messages (sender_id, room_id, content) values (${ada.id}, ${room.id}, 'room') returning id`,
    );
    expect(ok).toHaveLength(1);
  });

  it("notifies only the author of the message replied to", async () => {
    const ada = await makeUser();
    const brian = await makeUser();
    const cleo = await makeUser();
    const room = await roomOf(ada.id, "general");
    expectOk(await joinRoom(brian.id, { roomId: room.id }));
    expectOk(await joinRoom(cleo.id, { roomId: room.id }));
    const root = expectOk(await sendRoomMessage(ada.id, { roomId: room.id, content: "hi all" }));
    expect((await tableCounts()).notifications).toBe(0);
    const reply = expectOk(
      await replyToMessage(brian.id, { parentMessageId: root.id, content: "hi" }),
    );
    // A reply to one's own message notifies nobody.
    expectOk(await replyToMessage(brian.id, { parentMessageId: reply.id, content: "me again" }));
    const found = await rows<{ user_id: number; kind: string }>(
      sql`select user_id, kind from notifications`,
    );
    expect(found.map((n) => [Number(n.user_id), n.kind])).toEqual([[ada.id, "reply"]]);
  });

  it("unread is everything after the read position not sent by the member; muted counts 0", async () => {
    const ada = await makeUser();
    const brian = await makeUser();
    const room = await roomOf(ada.id, "general");
    expectOk(await sendRoomMessage(ada.id, { roomId: room.id, content: "before brian" }));
    expectOk(await joinRoom(brian.id, { roomId: room.id }));
    const unreadOf = async (userId: number) => (await myRooms(userId))[0]?.unread;
    expect(await unreadOf(brian.id)).toBe(0);
    const first = expectOk(await sendRoomMessage(ada.id, { roomId: room.id, content: "one" }));
    expectOk(await sendRoomMessage(ada.id, { roomId: room.id, content: "two" }));
    expectOk(await replyToMessage(ada.id, { parentMessageId: first.id, content: "three" }));
    expectOk(await sendRoomMessage(brian.id, { roomId: room.id, content: "mine" }));
    expect(await unreadOf(brian.id)).toBe(3);
    expect(await unreadOf(ada.id)).toBe(1);
    expectOk(await setRoomMuted(brian.id, { roomId: room.id, muted: "true" }));
    expect(await myRooms(brian.id)).toMatchObject([{ muted: true, unread: 0 }]);
    expectOk(await setRoomMuted(brian.id, { roomId: room.id, muted: false }));
    expect(await unreadOf(brian.id)).toBe(3);
    const eve = await makeUser();
    expectRefused(await setRoomMuted(eve.id, { roomId: room.id, muted: true }), /does not exist/);
    expectRefused(await setRoomMuted(brian.id, { roomId: room.id, muted: "maybe" }), /mute/);
    await markRoomRead(brian.id, room.id);
    expect(await unreadOf(brian.id)).toBe(0);
    expect(await myRooms(brian.id)).toEqual([
      { id: room.id, name: "general", kind: "open", archived: false, muted: false, unread: 0 },
    ]);
    // Read again with nothing new: the one statement that finds the position already there.
    expect((await countAsync(() => markRoomRead(brian.id, room.id))).count).toBe(1);
    // Not a member (the room open to them or not): nothing moves, as for a room they cannot see.
    await expect(markRoomRead(eve.id, room.id)).rejects.toThrow(NotFoundError);
    await expect(markRoomRead(brian.id, room.id + 1000)).rejects.toThrow(NotFoundError);
  });
});

describe("cost does not grow with the room", () => {
  async function roomWithMembers(count: number) {
    const ada = await makeUser();
    const room = await roomOf(ada.id, `room-${count}`);
    await addMembers(room.id, count);
    return { ada, room };
  }

  it("a send, a reply, the sidebar and the page cost the same statements in rooms of 2 and 2,000", async () => {
    const costs = [];
    for (const size of [2, 2_000]) {
      const { ada, room } = await roomWithMembers(size);
      const send = await countAsync(() =>
        sendRoomMessage(ada.id, { roomId: room.id, content: "hello" }),
      );
      const root = expectOk(send.result);
      const reply = await countAsync(() =>
        replyToMessage(ada.id, { parentMessageId: root.id, content: "again" }),
      );
      expectOk(reply.result);
      const sidebar = await countAsync(() => myRooms(ada.id));
      const page = await countAsync(() => roomFor(ada.id, room.id));
      const read = await countAsync(() => markRoomRead(ada.id, room.id));
      costs.push([send.count, reply.count, sidebar.count, page.count, read.count]);
    }
    expect(costs[0]).toEqual(costs[1]);
    // Send: access, insert, the watching members' read positions, the sender's name for the
    // room event's message (one event for every member). Reply (to one's own message): the
    // parent, access, the insert, the watching members' positions, the parent again for its
    // notification, its thread's root, the sender's name, the parent for live delivery. Sidebar: one. Page: access, the page, its attachments, its
    // reactions. Read: the newest id, the position.
    expect(costs[0]).toEqual([4, 8, 1, 4, 2]);
  });
});

describe("deleting an account, in rooms", () => {
  it("removes its messages without replies, tombstones those with, drops its memberships, keeps its rooms", async () => {
    const ada = await makeUser("Ada");
    const brian = await makeUser("Brian");
    const room = await roomOf(ada.id, "general");
    expectOk(await joinRoom(brian.id, { roomId: room.id }));
    const answered = expectOk(await sendRoomMessage(ada.id, { roomId: room.id, content: "q?" }));
    expectOk(await editMessage(ada.id, { messageId: answered.id, content: "question?" }));
    const reply = expectOk(
      await replyToMessage(brian.id, { parentMessageId: answered.id, content: "answer" }),
    );
    const alone = expectOk(await sendRoomMessage(ada.id, { roomId: room.id, content: "alone" }));
    const brians = expectOk(await sendRoomMessage(brian.id, { roomId: room.id, content: "mine" }));
    expectOk(await replyToMessage(ada.id, { parentMessageId: brians.id, content: "ada's reply" }));

    expectOk(await deleteAccount(ada.id, { password: PASSWORD }));

    const left = await rows<{ id: number; sender_id: number | null; content: string }>(
      sql`select id, sender_id, content from messages order by id`,
    );
    expect(
      left.map((m) => [m.id, m.sender_id === null ? null : Number(m.sender_id), m.content]),
    ).toEqual([
      [answered.id, null, ""],
      [reply.id, brian.id, "answer"],
      [brians.id, brian.id, "mine"],
    ]);
    expect(left.some((m) => m.id === alone.id)).toBe(false);
    const history = await rows(sql`select id from message_history`);
    expect(history).toHaveLength(0);
    expect(await listRoomMembers(room.id)).toEqual([
      { userId: brian.id, name: "Brian", role: "member" },
    ]);
    const [kept] = await rows<{ created_by: number | null }>(
      sql`select created_by from rooms where id = ${room.id}`,
    );
    expect(kept?.created_by).toBeNull();
    // Brian's reply still shows under the tombstone, in the room and its thread.
    const view = await roomFor(brian.id, room.id);
    expect(view.messages.map((m) => [m.deleted, m.senderName, m.replyCount])).toEqual([
      [true, "Deleted account", 1],
      [false, "Brian", 0],
    ]);
    expect((await loadThreadFromRoot(answered.id)).map((m) => m.content)).toEqual(["", "answer"]);
    expect(Object.values(await brokenForeignKeys()).every((n) => Number(n) === 0)).toBe(true);
  });
});
