import { describe, expect, it } from "vitest";
import { replyToMessage } from "@/lib/messaging/threads";
import type { Result } from "@/lib/platform/result";
import { sendRoomMessage } from "@/lib/rooms/room-messages";
import { addRoomMember, createRoom } from "@/lib/rooms/rooms";
import { openStream } from "../cluster/support/stream";
import { callAction, callFormAction, formState } from "../test-kit/actions";
import { inspect, integrityReport, type Person } from "../test-kit/database";
import type { Client } from "../test-kit/http";
import { useWorld } from "../test-kit/world";

const SENDERS = 20;
const EACH = 5;
const WAIT_MS = 60_000;
const memberNames = Array.from({ length: SENDERS - 2 }, (_, i) => `Member ${i + 1}`);

interface Seeded {
  roomId: number;
  messageId: number;
  replyId: number;
}

function ok<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.data;
}

/** A private room of Ada's with Bo and the members in it; Eve is in no room. */
async function seedRoom([ada, bo, , ...members]: Person[]): Promise<Seeded> {
  if (!ada || !bo) throw new Error("no people");
  const room = ok(await createRoom(ada.id, { name: "matrix", kind: "private", topic: "" }));
  for (const person of [bo, ...members]) {
    ok(await addRoomMember(ada.id, { roomId: room.id, userId: person.id }));
  }
  const message = ok(await sendRoomMessage(ada.id, { roomId: room.id, content: "room secret" }));
  const reply = ok(
    await replyToMessage(ada.id, { parentMessageId: message.id, content: "room secret reply" }),
  );
  return { roomId: room.id, messageId: message.id, replyId: reply.id };
}

const roomEventOf = (roomId: number) => (event: { data: Record<string, unknown> }) =>
  event.data.type === "room.changed" && event.data.roomId === roomId;

describe("rooms over HTTP", () => {
  const world = useWorld<Seeded>({
    label: "rooms",
    names: ["Ada", "Bo", "Eve", ...memberNames],
    seed: seedRoom,
  });
  const person = (name: string) => {
    const found = world.people.find((p) => p.name === name);
    if (!found) throw new Error(name);
    return found;
  };

  it("a non-member gets 404 from every page and route of a private room, and none of its live events", async () => {
    const { roomId, messageId, replyId } = world.seeded;
    const eve = await world.signIn(person("Eve"));
    const ada = await world.signIn(person("Ada"));
    const stream = await openStream(eve);
    for (const path of [
      `/rooms/${roomId}`,
      `/api/rooms/${roomId}`,
      `/thread/${messageId}`,
      `/thread/${replyId}`,
      `/api/threads/${messageId}`,
      `/api/messages/${messageId}/history`,
    ]) {
      const response = await eve.fetch(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain("room secret");
    }
    for (const body of [
      { roomId, content: "let me in" },
      { parentMessageId: messageId, content: "let me in" },
    ]) {
      const response = await eve.json("POST", "/api/messages", body);
      expect(response.status).toBe(404);
    }
    const rooms = await eve.fetch("/api/rooms");
    expect(await rooms.text()).not.toContain("matrix");

    // Ada writes in the room, then to Eve: Eve's stream hears the second only.
    expect((await ada.json("POST", "/api/messages", { roomId, content: "more" })).status).toBe(201);
    const direct = await ada.json("POST", "/api/messages", {
      receiverId: person("Eve").id,
      content: "hello Eve",
    });
    expect(direct.status).toBe(201);
    const directId = (direct.body as { id: number }).id;
    expect(
      await stream.waitFor((e) => (e.data.messageIds as number[])?.includes(directId), WAIT_MS),
    ).toBeDefined();
    expect(stream.events.filter(roomEventOf(roomId))).toEqual([]);
    await stream.close();
  });

  it("marking a room read answers the member's counts without it; anyone else gets 404", async () => {
    const { roomId } = world.seeded;
    const bo = await world.signIn(person("Bo"));
    const eve = await world.signIn(person("Eve"));
    const countsOf = async (client: Client) =>
      (await client.json("GET", "/api/counts")).body as { inbox: number };
    const before = await countsOf(bo);
    expect(before.inbox).toBeGreaterThan(0);
    const read = await bo.json("POST", `/api/rooms/${roomId}/read`);
    expect(read.status).toBe(200);
    expect((read.body as { inbox: number }).inbox).toBeLessThan(before.inbox);
    expect(await countsOf(bo)).toEqual(read.body);
    for (const path of [
      `/api/rooms/${roomId}/read`,
      "/api/rooms/999999/read",
      "/api/rooms/x/read",
    ]) {
      const refused = await eve.json("POST", path);
      expect(refused.status, path).toBe(404);
      expect(JSON.stringify(refused.body), path).not.toContain("inbox");
    }
  });

  it("a member watching a room has what arrives read by the server; a bad body is a 400 that changes nothing", async () => {
    const { roomId } = world.seeded;
    const [ada, bo] = await Promise.all([world.signIn(person("Ada")), world.signIn(person("Bo"))]);
    const roomUnread = async () =>
      (
        (await bo.json("GET", "/api/rooms")).body as { rooms: { id: number; unread: number }[] }
      ).rooms.find((room) => room.id === roomId)?.unread;
    for (const [body, error] of [
      [{ watching: "yes" }, /watching is true or false/],
      [{ watching: true, extra: 1 }, /.+/],
    ] as const) {
      const refused = await bo.json("POST", `/api/rooms/${roomId}/read`, body);
      expect(refused.status).toBe(400);
      expect((refused.body as { error: string }).error).toMatch(error);
    }
    const malformed = await bo.fetch(`/api/rooms/${roomId}/read`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect(malformed.status).toBe(400);

    expect((await bo.json("POST", `/api/rooms/${roomId}/read`, { watching: true })).status).toBe(
      200,
    );
    const sent = await ada.json("POST", "/api/messages", { roomId, content: "while Bo watches" });
    expect(sent.status).toBe(201);
    expect(await roomUnread()).toBe(0);
    expect((await bo.json("POST", `/api/rooms/${roomId}/read`, { watching: false })).status).toBe(
      200,
    );
    await ada.json("POST", "/api/messages", { roomId, content: "after Bo left" });
    expect(await roomUnread()).toBe(1);
  });

  it("20 members sending at once: every message stored once, heard once on every member's stream", async () => {
    const { roomId } = world.seeded;
    const senders = [person("Ada"), person("Bo"), ...memberNames.map(person)];
    const clients = await Promise.all(senders.map((p) => world.signIn(p)));
    const streams = await Promise.all(clients.map((client) => openStream(client)));
    const sent = await Promise.all(
      clients.map(async (client: Client, c) => {
        const ids: number[] = [];
        for (let i = 0; i < EACH; i++) {
          const response = await client.json("POST", "/api/messages", {
            roomId,
            content: `burst ${c}-${i}`,
          });
          expect(response.status).toBe(201);
          ids.push((response.body as { id: number }).id);
        }
        return ids;
      }),
    );
    const ids = sent.flat();
    expect(new Set(ids).size).toBe(SENDERS * EACH);
    const stored = await inspect(world.databaseUrl, (db) =>
      db.value(`select count(*) as n from messages where content like 'burst %'`),
    );
    expect(Number(stored)).toBe(SENDERS * EACH);
    expect(await integrityReport(world.databaseUrl)).toEqual({
      integrity: ["ok"],
      foreignKeyViolations: [],
      messagesWithoutNotification: 0,
      messagesWithSeveralNotifications: 0,
    });

    const last = Math.max(...ids);
    for (const stream of streams) {
      // Delivery is in order on one server: the newest message's event comes last.
      await stream.waitFor(
        (e) => roomEventOf(roomId)(e) && (e.data.messageIds as number[]).includes(last),
        WAIT_MS,
      );
      const heard = stream.events
        .filter(roomEventOf(roomId))
        .flatMap((e) => e.data.messageIds as number[])
        .filter((id) => ids.includes(id))
        .sort((a, b) => a - b);
      expect(heard).toEqual([...ids].sort((a, b) => a - b));
    }
    await Promise.all(streams.map((stream) => stream.close()));
  });

  it("a removed member's open stream stops hearing the room at once, and the room is a 404 for them", async () => {
    const { roomId } = world.seeded;
    const ada = await world.signIn(person("Ada"));
    const bo = await world.signIn(person("Bo"));
    const stream = await openStream(bo);
    const before = await ada.json("POST", "/api/messages", { roomId, content: "still here" });
    const beforeId = (before.body as { id: number }).id;
    expect(
      await stream.waitFor(
        (e) => roomEventOf(roomId)(e) && (e.data.messageIds as number[]).includes(beforeId),
        WAIT_MS,
      ),
    ).toBeDefined();
    const removed = await callAction(ada, "removeRoomMemberAction", [roomId, person("Bo").id], {
      page: `/rooms/${roomId}`,
    });
    expect(removed.status).toBe(200);
    expect(removed.result).toMatchObject({ ok: true });
    expect((await ada.json("POST", "/api/messages", { roomId, content: "gone" })).status).toBe(201);
    const marker = await ada.json("POST", "/api/messages", {
      receiverId: person("Bo").id,
      content: "after the removal",
    });
    const markerId = (marker.body as { id: number }).id;
    await stream.waitFor((e) => (e.data.messageIds as number[])?.includes(markerId), WAIT_MS);
    const after = stream.events.filter(roomEventOf(roomId));
    expect(after.flatMap((e) => e.data.messageIds as number[])).toEqual([beforeId]);
    expect((await bo.fetch(`/rooms/${roomId}`)).status).toBe(404);
    expect((await bo.fetch(`/api/rooms/${roomId}`)).status).toBe(404);
    await stream.close();
  });

  it("hostile room names are each refused with a clear message, and nothing is written", async () => {
    const ada = await world.signIn(person("Ada"));
    const created = await callFormAction(
      ada,
      "createRoomAction",
      { name: "General", kind: "open", topic: "" },
      { page: "/rooms" },
    );
    expect(created.actionRedirect ?? created.location).toMatch(/\/rooms\/\d+/);
    const count = () =>
      inspect(world.databaseUrl, async (db) => ({
        rooms: Number(await db.value("select count(*) as n from rooms")),
        members: Number(await db.value("select count(*) as n from room_members")),
      }));
    const before = await count();
    const hostile: [string, RegExp][] = [
      ["g\u0435neral", /one alphabet/],
      ["\uff47\uff45\uff4e\uff45\uff52\uff41\uff4c", /is taken/],
      ["gENERAL", /is taken/],
      ["abc\u202Egpj", /letters, digits/],
      ["a".repeat(81), /at most 80/],
      ["x'; drop table rooms; --", /letters, digits/],
      ["<img src=x onerror=alert(1)>", /letters, digits/],
      ["", /Enter a room name/],
    ];
    for (const [name, message] of hostile) {
      const answer = await callFormAction(
        ada,
        "createRoomAction",
        { name, kind: "open", topic: "" },
        { page: "/rooms" },
      );
      expect(answer.status, name).toBeLessThan(500);
      expect(formState(answer)?.ok, name).toBe(false);
      expect(formState(answer)?.error ?? "", name).toMatch(message);
    }
    expect(await count()).toEqual(before);
  });
});
