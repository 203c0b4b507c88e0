import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/query";
import { countAsync } from "@/db/statement-counter";
import { deleteAccount } from "@/lib/accounts/accounts";
import { conversationFor, threadFor } from "@/lib/messaging/cached-views";
import { deleteMessage, editMessage } from "@/lib/messaging/messages";
import { replyToMessage } from "@/lib/messaging/threads";
import type { Result } from "@/lib/platform/result";
import { reactionsOn } from "@/lib/reactions/load";
import { toggleReaction } from "@/lib/reactions/reactions";
import { reactionLabel, withReactionChange } from "@/lib/reactions/summary";
import { roomFor, sendRoomMessage } from "@/lib/rooms/room-messages";
import { addRoomMember, archiveRoom, createRoom, joinRoom } from "@/lib/rooms/rooms";
import { expectOk, makeUser, PASSWORD, send } from "./helpers";

const THUMBS = "👍";
const HEART = "❤️";

async function reactionRows() {
  return rows<{ n: number }>(sql`select count(*) as n from reactions`).then((r) => Number(r[0]?.n));
}

function expectRefused(result: Result<unknown>, code: string, message: RegExp) {
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.code).toBe(code);
    expect(result.error).toMatch(message);
  }
}

async function trio() {
  return {
    amira: await makeUser("Amira"),
    bilal: await makeUser("Bilal"),
    stranger: await makeUser("Stranger"),
  };
}

describe("toggling a reaction", () => {
  it("turns it on, then off, in ONE statement each, keeping one row per person and emoji", async () => {
    const { amira, bilal } = await trio();
    const message = await send(amira.id, bilal.id, "lunch?");
    const on = await countAsync(() =>
      toggleReaction(bilal.id, { messageId: message.id, emoji: THUMBS }),
    );
    expect(expectOk(on.result)).toEqual({ messageId: message.id, emoji: THUMBS, reacted: true });
    // The message (authorization), then the toggle itself: one INSERT ... ON CONFLICT.
    const writes = on.statements.filter((s) => /reactions/i.test(s) && !/^\s*select/i.test(s));
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/insert into .*reactions.* on conflict/is);
    const off = await countAsync(() =>
      toggleReaction(bilal.id, { messageId: message.id, emoji: THUMBS }),
    );
    expect(expectOk(off.result).reacted).toBe(false);
    expect(off.statements.filter((s) => /reactions/i.test(s) && !/^\s*select/i.test(s))).toEqual(
      writes,
    );
    expect((await reactionsOn([message.id])).get(message.id)).toBeUndefined();
    expectOk(await toggleReaction(bilal.id, { messageId: message.id, emoji: THUMBS }));
    expect(await reactionRows()).toBe(1);
    expect((await reactionsOn([message.id])).get(message.id)).toEqual([
      { emoji: THUMBS, users: [{ id: bilal.id, name: "Bilal" }] },
    ]);
  });

  it("shows each emoji in the order it first came, with who reacted, and never marks an edit", async () => {
    const { amira, bilal } = await trio();
    const message = await send(amira.id, bilal.id, "shipped");
    expectOk(await toggleReaction(bilal.id, { messageId: message.id, emoji: HEART }));
    expectOk(await toggleReaction(amira.id, { messageId: message.id, emoji: THUMBS }));
    expectOk(await toggleReaction(bilal.id, { messageId: message.id, emoji: THUMBS }));
    const [shown] = (await conversationFor(amira.id, bilal.id)).messages;
    expect(shown?.edited).toBe(false);
    expect(shown?.reactions).toEqual([
      { emoji: HEART, users: [{ id: bilal.id, name: "Bilal" }] },
      {
        emoji: THUMBS,
        users: [
          { id: amira.id, name: "Amira" },
          { id: bilal.id, name: "Bilal" },
        ],
      },
    ]);
    const thumbs = shown?.reactions?.[1];
    if (!thumbs) throw new Error("no thumbs");
    expect(reactionLabel(thumbs, amira.id)).toBe("👍 2: Bilal and you");
    expect(reactionLabel(thumbs, bilal.id)).toBe("👍 2: Amira and you");
    expect(reactionLabel(thumbs, 0)).toBe("👍 2: Amira and Bilal");
  });

  it("accepts only emoji of the catalog, with a clear message, and writes nothing otherwise", async () => {
    const { amira, bilal } = await trio();
    const message = await send(amira.id, bilal.id, "hi");
    for (const emoji of ["x", "", "👍👍", "<script>", ":+1:", 42, "a".repeat(500)]) {
      expectRefused(
        await toggleReaction(bilal.id, { messageId: message.id, emoji }),
        "invalid",
        /Choose an emoji/,
      );
    }
    expectRefused(
      await toggleReaction(bilal.id, { messageId: "nope", emoji: THUMBS }),
      "invalid",
      /id is not valid/,
    );
    expect(await reactionRows()).toBe(0);
  });

  it("refuses a deleted message and a missing one", async () => {
    const { amira, bilal } = await trio();
    const root = await send(amira.id, bilal.id, "root");
    expectOk(await replyToMessage(bilal.id, { parentMessageId: root.id, content: "reply" }));
    expectOk(await deleteMessage(amira.id, { messageId: root.id })); // a tombstone
    expectRefused(
      await toggleReaction(bilal.id, { messageId: root.id, emoji: THUMBS }),
      "invalid",
      /deleted/,
    );
    expectRefused(
      await toggleReaction(bilal.id, { messageId: 999_999, emoji: THUMBS }),
      "not_found",
      /does not exist/,
    );
  });
});

describe("who may react and see reactions", () => {
  it("a stranger can neither react to a direct message nor see its reactions", async () => {
    const { amira, bilal, stranger } = await trio();
    const message = await send(amira.id, bilal.id, "private");
    expectOk(await toggleReaction(bilal.id, { messageId: message.id, emoji: THUMBS }));
    expectRefused(
      await toggleReaction(stranger.id, { messageId: message.id, emoji: THUMBS }),
      "not_found",
      /does not exist/,
    );
    await expect(threadFor(stranger.id, message.id)).rejects.toThrow(/No such thread/);
    expect(await reactionRows()).toBe(1);
  });

  it("in a private room only members react and see; an open room asks to join; archived is read-only", async () => {
    const { amira, bilal, stranger } = await trio();
    const secret = expectOk(await createRoom(amira.id, { name: "secret", kind: "private" }));
    expectOk(await addRoomMember(amira.id, { roomId: secret.id, userId: bilal.id }));
    const said = expectOk(await sendRoomMessage(amira.id, { roomId: secret.id, content: "psst" }));
    expectOk(await toggleReaction(bilal.id, { messageId: said.id, emoji: HEART }));
    expectRefused(
      await toggleReaction(stranger.id, { messageId: said.id, emoji: HEART }),
      "not_found",
      /does not exist/,
    );
    await expect(roomFor(stranger.id, secret.id)).rejects.toThrow(/No such room/);
    await expect(threadFor(stranger.id, said.id)).rejects.toThrow(/No such thread/);
    expect((await roomFor(amira.id, secret.id)).messages[0]?.reactions).toEqual([
      { emoji: HEART, users: [{ id: bilal.id, name: "Bilal" }] },
    ]);

    const open = expectOk(await createRoom(amira.id, { name: "lobby", kind: "open" }));
    const hello = expectOk(await sendRoomMessage(amira.id, { roomId: open.id, content: "hey" }));
    expectRefused(
      await toggleReaction(stranger.id, { messageId: hello.id, emoji: HEART }),
      "forbidden",
      /Join #lobby/,
    );
    expectOk(await joinRoom(stranger.id, { roomId: open.id }));
    expectOk(await toggleReaction(stranger.id, { messageId: hello.id, emoji: HEART }));
    expectOk(await archiveRoom(amira.id, { roomId: open.id }));
    expectRefused(
      await toggleReaction(stranger.id, { messageId: hello.id, emoji: HEART }),
      "invalid",
      /archived/,
    );
  });
});

describe("statement counts with reactions", () => {
  it("the conversation, room and thread views cost the same with 0 and with many reactions", async () => {
    const { amira, bilal } = await trio();
    const room = expectOk(await createRoom(amira.id, { name: "busy", kind: "open" }));
    expectOk(await joinRoom(bilal.id, { roomId: room.id }));
    const costs = async () => {
      const conversation = await countAsync(() => conversationFor(amira.id, bilal.id));
      const roomPage = await countAsync(() => roomFor(amira.id, room.id));
      const root = conversation.result.messages[0]?.id as number;
      const thread = await countAsync(() => threadFor(amira.id, root));
      return [conversation.count, roomPage.count, thread.count];
    };
    const root = await send(amira.id, bilal.id, "root");
    const inRoom = expectOk(await sendRoomMessage(amira.id, { roomId: room.id, content: "r" }));
    const before = await costs();
    const reactAll = async (target: number) => {
      for (const [who, emoji] of [
        [amira.id, THUMBS],
        [bilal.id, THUMBS],
        [bilal.id, HEART],
      ] as const) {
        expectOk(await toggleReaction(who, { messageId: target, emoji }));
      }
    };
    await reactAll(root.id);
    await reactAll(inRoom.id);
    for (let i = 0; i < 20; i++) {
      const m = await send(i % 2 ? amira.id : bilal.id, i % 2 ? bilal.id : amira.id, `m${i}`);
      const r = expectOk(await sendRoomMessage(bilal.id, { roomId: room.id, content: `r${i}` }));
      const reply = expectOk(
        await replyToMessage(bilal.id, { parentMessageId: root.id, content: `re${i}` }),
      );
      for (const target of [m.id, r.id, reply.id]) await reactAll(target);
    }
    const after = await costs();
    expect(after).toEqual(before);
    // Conversation: the colleague, the page, its attachments, its reactions. Room: access,
    // the page, its attachments, its reactions. Thread: the root (authorization), the
    // thread, its attachments, its reactions.
    expect(after).toEqual([4, 4, 4]);
    const thread = await threadFor(amira.id, root.id);
    expect(thread.messages).toHaveLength(21);
    expect(thread.messages.every((m) => m.reactions?.length === 2)).toBe(true);
  });
});

describe("reactions go with their message and their author", () => {
  it("a deleted message and a tombstone lose their reactions; an edit keeps them", async () => {
    const { amira, bilal } = await trio();
    const plain = await send(amira.id, bilal.id, "plain");
    const root = await send(amira.id, bilal.id, "root");
    expectOk(await replyToMessage(bilal.id, { parentMessageId: root.id, content: "reply" }));
    for (const id of [plain.id, root.id]) {
      expectOk(await toggleReaction(bilal.id, { messageId: id, emoji: THUMBS }));
    }
    expectOk(await editMessage(amira.id, { messageId: root.id, content: "root, edited" }));
    expect((await reactionsOn([root.id])).get(root.id)).toHaveLength(1);
    expectOk(await deleteMessage(amira.id, { messageId: plain.id }));
    expectOk(await deleteMessage(amira.id, { messageId: root.id }));
    expect(await reactionRows()).toBe(0);
    const [tombstone] = (await conversationFor(amira.id, bilal.id)).messages;
    expect(tombstone).toMatchObject({ deleted: true, reactions: [] });
  });

  it("an account's deletion leaves none of its reactions, nor any on its messages", async () => {
    const { amira, bilal, stranger } = await trio();
    const toBilal = await send(amira.id, bilal.id, "to Bilal");
    const fromBilal = await send(bilal.id, amira.id, "from Bilal");
    const room = expectOk(await createRoom(amira.id, { name: "team", kind: "open" }));
    expectOk(await joinRoom(bilal.id, { roomId: room.id }));
    expectOk(await joinRoom(stranger.id, { roomId: room.id }));
    const bilalSaid = expectOk(await sendRoomMessage(bilal.id, { roomId: room.id, content: "b" }));
    expectOk(await replyToMessage(stranger.id, { parentMessageId: bilalSaid.id, content: "ok" }));
    const amiraSaid = expectOk(await sendRoomMessage(amira.id, { roomId: room.id, content: "a" }));
    expectOk(await toggleReaction(bilal.id, { messageId: toBilal.id, emoji: THUMBS }));
    expectOk(await toggleReaction(amira.id, { messageId: fromBilal.id, emoji: THUMBS }));
    expectOk(await toggleReaction(stranger.id, { messageId: bilalSaid.id, emoji: HEART }));
    expectOk(await toggleReaction(bilal.id, { messageId: amiraSaid.id, emoji: HEART }));
    expectOk(await toggleReaction(stranger.id, { messageId: amiraSaid.id, emoji: THUMBS }));
    expectOk(await deleteAccount(bilal.id, { password: PASSWORD }));
    // Left: the stranger's reaction on Amira's room message, and nothing of Bilal's.
    expect(await reactionRows()).toBe(1);
    expect((await reactionsOn([amiraSaid.id])).get(amiraSaid.id)).toEqual([
      { emoji: THUMBS, users: [{ id: stranger.id, name: "Stranger" }] },
    ]);
  });
});

describe("withReactionChange", () => {
  it("adds, removes and is idempotent", () => {
    const amira = { id: 1, name: "Amira" };
    const bilal = { id: 2, name: "Bilal" };
    let list = withReactionChange([], { emoji: THUMBS, user: amira, reacted: true });
    list = withReactionChange(list, { emoji: THUMBS, user: bilal, reacted: true });
    expect(withReactionChange(list, { emoji: THUMBS, user: bilal, reacted: true })).toBe(list);
    expect(list).toEqual([{ emoji: THUMBS, users: [amira, bilal] }]);
    list = withReactionChange(list, { emoji: THUMBS, user: amira, reacted: false });
    expect(list).toEqual([{ emoji: THUMBS, users: [bilal] }]);
    expect(withReactionChange(list, { emoji: THUMBS, user: bilal, reacted: false })).toEqual([]);
  });
});
