import { describe, expect, it } from "vitest";
import { perDialect } from "@/db/query";
import { countAsync } from "@/db/statement-counter";
import { replyToMessage } from "@/lib/messaging/threads";
import { NotFoundError, type Result } from "@/lib/platform/result";
import { roomAt } from "@/lib/rooms/room-at";
import { sendRoomMessage } from "@/lib/rooms/room-messages";
import {
  addRoomMember,
  archiveRoom,
  createRoom,
  joinRoom,
  leaveRoom,
  removeRoomMember,
} from "@/lib/rooms/rooms";
import { type SearchOptions, searchMessages } from "@/lib/search/search";
import { expectOk, makeUser, send } from "./helpers";

async function ids(viewerId: number, q: string, options: Omit<SearchOptions, "q"> = {}) {
  return expectOk(await searchMessages(viewerId, { q, ...options })).results.map((r) => r.id);
}

async function refusal(viewerId: number, q: string): Promise<string> {
  const result: Result<unknown> = await searchMessages(viewerId, { q });
  if (result.ok) throw new Error(`expected a refusal for ${q}`);
  expect(result.code).toBe("invalid");
  return result.error;
}

async function roomOf(creatorId: number, name: string, kind: "open" | "private") {
  return expectOk(await createRoom(creatorId, { name, kind, topic: "" }));
}

async function post(senderId: number, roomId: number, content: string) {
  return expectOk(await sendRoomMessage(senderId, { roomId, content }));
}

describe("word prefixes", () => {
  it("finds longer words from their start, phrases exactly, and marks the whole word", async () => {
    const ada = await makeUser("Ada");
    const bo = await makeUser("Bo");
    const one = await send(ada.id, bo.id, "Waiting for the approval");
    const four = await send(bo.id, ada.id, "Four approvals are in, the migration is next");
    await send(ada.id, bo.id, "lunch at noon");
    expect(await ids(ada.id, "approv")).toEqual([four.id, one.id]);
    expect(await ids(bo.id, "migrat")).toEqual([four.id]);
    expect(await ids(bo.id, "APPROV migrat")).toEqual([four.id]);
    expect(await ids(ada.id, "approval")).toContain(one.id);
    // A quoted word is a whole word.
    expect(await ids(ada.id, '"approv"')).toEqual([]);
    const page = expectOk(await searchMessages(ada.id, { q: "approv" }));
    expect(page.results[0]?.snippet.filter((s) => s.match).map((s) => s.text)).toEqual([
      "approvals",
    ]);
    // PostgreSQL matches a word's English stem too ("approvals" -> approv*); SQLite's index
    // has no stemmer, so there a word finds only the words it starts.
    expect(await ids(ada.id, "approvals")).toEqual(
      perDialect({ postgres: () => [four.id, one.id], sqlite: () => [four.id] }),
    );
    const stemmed = expectOk(await searchMessages(ada.id, { q: "approvals" }));
    expect(stemmed.results[0]?.snippet.filter((s) => s.match).map((s) => s.text)).toEqual([
      "approvals",
    ]);
    // The last word of a joined piece is a prefix too.
    expect(await ids(ada.id, "the:migr")).toEqual([four.id]);
  });
});

describe("rooms in search", () => {
  it("finds a room's messages for its members only, never for others of a private room", async () => {
    const ada = await makeUser("Ada");
    const bo = await makeUser("Bo");
    const cy = await makeUser("Cy");
    const secret = await roomOf(ada.id, "secret-plans", "private");
    expectOk(await addRoomMember(ada.id, { roomId: secret.id, userId: bo.id }));
    const hidden = await post(ada.id, secret.id, "the zeppelin launches friday");
    const reply = expectOk(
      await replyToMessage(bo.id, { parentMessageId: hidden.id, content: "zeppelin ready" }),
    );
    expect(await ids(ada.id, "zeppelin")).toEqual([reply.id, hidden.id]);
    expect(await ids(bo.id, "zepp")).toEqual([reply.id, hidden.id]);
    expect(await ids(cy.id, "zeppelin")).toEqual([]);
    // A non-member learns nothing from in: either: the same answer as for no such room.
    const unknown = await refusal(cy.id, "zeppelin in:#nowhere");
    expect(await refusal(cy.id, "zeppelin in:#secret-plans")).toBe(
      unknown.replace("nowhere", "secret-plans"),
    );
    // A removed member loses it at once, their own words included.
    expectOk(await removeRoomMember(ada.id, { roomId: secret.id, userId: bo.id }));
    expect(await ids(bo.id, "zeppelin")).toEqual([]);
  });

  it("searches joined open rooms only, archived ones included, and names the room", async () => {
    const ada = await makeUser("Amira");
    const bo = await makeUser("Bo");
    const design = await roomOf(ada.id, "design", "open");
    const message = await post(ada.id, design.id, "new palette approved");
    expect(await ids(bo.id, "palette")).toEqual([]);
    expectOk(await joinRoom(bo.id, { roomId: design.id }));
    const page = expectOk(await searchMessages(bo.id, { q: "palet" }));
    expect(page.results[0]).toMatchObject({
      id: message.id,
      room: { id: design.id, name: "design" },
      colleague: { id: ada.id, name: "Amira" },
      senderName: "Amira",
      fromViewer: false,
      href: `/rooms/${design.id}?at=${message.id}#message-${message.id}`,
    });
    expectOk(await archiveRoom(ada.id, { roomId: design.id }));
    expect(await ids(bo.id, "palette")).toEqual([message.id]);
    expectOk(await leaveRoom(bo.id, { roomId: design.id }));
    expect(await ids(bo.id, "palette")).toEqual([]);
  });

  it("keeps to one room with in:#room (any case, # optional), and refuses one not joined", async () => {
    const ada = await makeUser();
    const bo = await makeUser();
    const design = await roomOf(ada.id, "design", "open");
    const ops = await roomOf(ada.id, "ops", "private");
    const inDesign = await post(ada.id, design.id, "deploy the banner");
    const inOps = await post(ada.id, ops.id, "deploy the servers");
    const direct = await send(ada.id, bo.id, "deploy later");
    expect(await ids(ada.id, "deploy")).toEqual([direct.id, inOps.id, inDesign.id]);
    expect(await ids(ada.id, "deploy in:#Design")).toEqual([inDesign.id]);
    expect(await ids(ada.id, "deploy in:ops")).toEqual([inOps.id]);
    expect(await refusal(bo.id, "deploy in:#design")).toMatch(
      /not a member of a room called #design/,
    );
    const counted = await countAsync(() => searchMessages(ada.id, { q: "deploy in:#design" }));
    expect(counted.count).toBe(2);
  });
});

describe("a room result opens at its message", () => {
  it("the room's first page reaches back to an old message; anything else gets the usual page", async () => {
    const ada = await makeUser("Ada");
    const bo = await makeUser("Bo");
    const design = await roomOf(ada.id, "design", "open");
    const ops = await roomOf(ada.id, "ops", "private");
    const old = await post(ada.id, design.id, "the old decision");
    const reply = expectOk(
      await replyToMessage(ada.id, { parentMessageId: old.id, content: "a reply" }),
    );
    for (let i = 0; i < 60; i++) await post(ada.id, design.id, `filler ${i}`);
    const usual = await roomAt(bo.id, design.id, (await post(ada.id, design.id, "new")).id);
    expect(usual.messages).toHaveLength(50);
    expect(usual.hasOlder).toBe(true);
    const reached = await countAsync(() => roomAt(bo.id, design.id, old.id));
    expect(reached.result.messages[0]?.id).toBe(old.id);
    expect(reached.result.messages).toHaveLength(62);
    expect(reached.result.hasOlder).toBe(false);
    expect(reached.result.messages[0]?.replyCount).toBe(1);
    // Access, the count, the page, its attachments, its reactions.
    expect(reached.count).toBe(5);
    // A reply, or a message of another room, is not a place in this room's timeline.
    const elsewhere = await post(ada.id, ops.id, "ops only");
    for (const at of [reply.id, elsewhere.id]) {
      const ignored = await roomAt(ada.id, design.id, at);
      expect(ignored.messages).toHaveLength(50);
      expect(ignored.messages.map((m) => m.id)).not.toContain(elsewhere.id);
    }
    // A private room stays a 404 for others, whatever `at` says.
    await expect(roomAt(bo.id, ops.id, elsewhere.id)).rejects.toThrow(NotFoundError);
  });
});
