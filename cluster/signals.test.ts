import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addRoomMember, createRoom } from "@/lib/rooms/rooms";
import type { Person } from "../test-kit/database";
import { withAppDatabase } from "../test-kit/database";
import type { Client } from "../test-kit/http";
import {
  cluster,
  control,
  openStream,
  printLogsOnFailure,
  sameSessionOn,
  seedPeople,
  signIn,
  sleep,
} from "./support/cluster";

type Stream = Awaited<ReturnType<typeof openStream>>;
type Presence = [number, string][];

/** Opens a stream, trying again while the server still refuses (Redis just back). */
async function streamOf(client: Client, withinMs = 30_000): Promise<Stream> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const opened = await openStream(client).catch((error: Error) => error);
    if (!(opened instanceof Error)) return opened;
    if (Date.now() > deadline) throw opened;
    await sleep(250);
  }
}

/** Pings until `userId` shows as `state` (a stream's close reaches Redis a moment later). */
async function presenceBecomes(client: Client, userId: number, state: string, withinMs = 60_000) {
  const deadline = Date.now() + withinMs;
  let seen: Presence = [];
  while (Date.now() < deadline) {
    seen = await ping(client, [userId]);
    if (seen[0]?.[1] === state) break;
    await sleep(250);
  }
  expect(seen).toEqual([[userId, state]]);
}

/** A ping of `client`'s user with `watch` in view; the presence it is answered. */
async function ping(client: Client, watch: number[], active = false): Promise<Presence> {
  const response = await client.json("POST", "/api/presence", { active, watch });
  expect(response.status).toBe(200);
  return (response.body as { presence: Presence }).presence;
}

describe("typing and presence across two servers", () => {
  printLogsOnFailure();
  let ada: Person;
  let bo: Person;
  let eve: Person;
  let adaOnA: Client;
  let adaOnB: Client;
  let boOnB: Client;
  let eveOnB: Client;
  let eveOnA: Client;
  let roomId: number;

  beforeAll(async () => {
    [ada, bo, eve] = (await seedPeople(["Signals Ada", "Signals Bo", "Signals Eve"])) as [
      Person,
      Person,
      Person,
    ];
    roomId = await withAppDatabase(cluster().databaseUrl, async () => {
      const created = await createRoom(ada.id, { name: "signals-private", kind: "private" });
      if (!created.ok) throw new Error(created.error);
      const added = await addRoomMember(ada.id, { roomId: created.data.id, userId: bo.id });
      if (!added.ok) throw new Error(added.error);
      return created.data.id;
    });
    const [a, b] = cluster().serverUrls as [string, string];
    adaOnA = await signIn(a, ada);
    adaOnB = sameSessionOn(adaOnA, b);
    boOnB = await signIn(b, bo);
    eveOnB = await signIn(b, eve);
    eveOnA = sameSessionOn(eveOnB, a);
  });
  afterAll(async () => {
    await control("redis/start");
  });

  it("typing on one server reaches the conversation's members on the other, nobody else, at most once per 3 s", async () => {
    const boStream = await streamOf(boOnB);
    const eveStream = await streamOf(eveOnB);
    try {
      const typed = await adaOnA.json("POST", "/api/typing", { receiverId: bo.id });
      expect(typed.status).toBe(202);
      const heard = await boStream.waitFor(
        (e) => e.data.type === "typing.started" && e.data.typistId === ada.id,
        10_000,
      );
      expect(heard?.data).toMatchObject({ typistName: ada.name });
      expect(heard?.id, "a signal is not replayed: no event id").toBeUndefined();
      // The limit holds across servers: the same conversation through B is refused.
      const again = await adaOnB.json("POST", "/api/typing", { receiverId: bo.id });
      expect(again.status).toBe(429);

      // A private room: its member with it open on the other server hears it; Eve is told it
      // does not exist.
      expect(
        (await boOnB.json("POST", `/api/rooms/${roomId}/read`, { watching: true })).status,
      ).toBe(200);
      expect((await adaOnA.json("POST", "/api/typing", { roomId })).status).toBe(202);
      const inRoom = await boStream.waitFor(
        (e) => e.data.type === "typing.started" && e.data.roomId === roomId,
        10_000,
      );
      expect(inRoom?.data).toMatchObject({ typistId: ada.id });
      expect((await eveOnB.json("POST", "/api/typing", { roomId })).status).toBe(404);
      // Ada types to Eve in a direct message, on the same channel after the room's signal:
      // once Eve's stream hears it, B has handled the room's too, and Eve heard only hers.
      expect((await adaOnA.json("POST", "/api/typing", { receiverId: eve.id })).status).toBe(202);
      await eveStream.waitFor((e) => e.data.type === "typing.started", 10_000);
      const heardByEve = eveStream.events.filter((e) => e.data.type === "typing.started");
      expect(heardByEve.map((e) => [e.data.typistId, e.data.roomId])).toEqual([
        [ada.id, undefined],
      ]);
    } finally {
      await boStream.close();
      await eveStream.close();
    }
  });

  it("presence follows a stream and a ping on either server, pushed to the viewer's stream", async () => {
    // Eve never typed (her room typing was refused) and has no stream anywhere: offline.
    await presenceBecomes(adaOnB, eve.id, "offline");
    const adaStream = await streamOf(adaOnA);
    const eveStream = await streamOf(eveOnB);
    try {
      // A stream on B, no use yet: away, as Ada's ping on A reads it.
      await presenceBecomes(adaOnA, eve.id, "away");
      // Eve's tab is used (the ping lands on A); Ada's stream on A hears it in a round.
      await ping(eveOnA, [ada.id], true);
      const active = await adaStream.waitFor(
        (e) =>
          e.data.type === "presence.changed" &&
          (e.data.presence as Presence).some(([id, state]) => id === eve.id && state === "active"),
        30_000,
      );
      expect(active, "Ada's stream hears Eve become active").toBeDefined();
      // Eve closes the tab: offline, pushed too.
      await eveStream.close();
      const offline = await adaStream.waitFor(
        (e) =>
          e.data.type === "presence.changed" &&
          (e.data.presence as Presence).some(([id, state]) => id === eve.id && state === "offline"),
        30_000,
      );
      expect(offline, "Ada's stream hears Eve go offline").toBeDefined();
    } finally {
      await adaStream.close();
      await eveStream.close();
    }
  });

  it("recovers after Redis restarts: the servers write back what they know", async () => {
    const before = await streamOf(boOnB);
    await ping(boOnB, [ada.id], true);
    await presenceBecomes(adaOnA, bo.id, "active");
    let after: Stream | undefined;
    try {
      await control("redis/stop");
      const deadline = Date.now() + 10_000;
      while (!before.closed && Date.now() < deadline) await sleep(100);
      await control("redis/start");
      // Redis came back empty. Bo's browser reconnects; B writes its stream and Bo's activity
      // back (at once on recovery, and every 30 s), without a new ping from Bo.
      after = await streamOf(boOnB);
      await presenceBecomes(adaOnA, bo.id, "active");
    } finally {
      await before.close();
      await after?.close();
    }
  });
});
