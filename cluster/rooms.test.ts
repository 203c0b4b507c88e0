import { beforeAll, describe, expect, it } from "vitest";
import { addRoomMember, createRoom } from "@/lib/rooms/rooms";
import { callAction } from "../test-kit/actions";
import { integrityReport, type Person, withAppDatabase } from "../test-kit/database";
import type { Client } from "../test-kit/http";
import {
  cluster,
  openStream,
  printLogsOnFailure,
  type StreamEvent,
  sameSessionOn,
  seedPeople,
  send,
  signIn,
} from "./support/cluster";

type Stream = Awaited<ReturnType<typeof openStream>>;

/** A hang guard sized for a loaded machine, not a speed check (cluster/live.test.ts prints those). */
const WAIT_MS = 10_000;

/** A private room of Ada's with `members` added, created straight in the shared database. */
function privateRoom(name: string, admin: Person, members: Person[]): Promise<number> {
  return withAppDatabase(cluster().databaseUrl, async () => {
    const created = await createRoom(admin.id, { name, kind: "private" });
    if (!created.ok) throw new Error(created.error);
    for (const member of members) {
      const added = await addRoomMember(admin.id, { roomId: created.data.id, userId: member.id });
      if (!added.ok) throw new Error(added.error);
    }
    return created.data.id;
  });
}

const ofRoom = (roomId: number) => (event: StreamEvent) =>
  event.data.type === "room.changed" && event.data.roomId === roomId;

/** The message ids of `roomId`'s events a stream has had, in the order it had them. */
const roomMessageIds = (stream: Stream, roomId: number) =>
  stream.events.filter(ofRoom(roomId)).flatMap((e) => e.data.messageIds as number[]);

async function sendToRoom(client: Client, roomId: number, content: string): Promise<number> {
  const sent = await send(client, { roomId, content });
  expect(sent.status, sent.text).toBe(201);
  return sent.id as number;
}

/** Waits until `stream` has had an event announcing message `id`; fails the test if not. */
async function heard(stream: Stream, id: number, what: string): Promise<StreamEvent> {
  const event = await stream.waitFor(
    (e) => (e.data.messageIds as number[] | undefined)?.includes(id) ?? false,
    WAIT_MS,
  );
  expect(event, what).toBeDefined();
  return event as StreamEvent;
}

/**
 * Rooms on two servers: a room event is published once and each server hands it to its own
 * streams of the room's members (lib/live/room-audience.ts); a membership change on one
 * server reaches the others before the room events after it; the shared room log lets a
 * stream resume on another server.
 */
describe("rooms across servers", () => {
  printLogsOnFailure();
  let ada: Person;
  let bo: Person;
  let cy: Person;
  let eve: Person;
  let adaOnA: Client;
  let adaOnB: Client;
  let boOnA: Client;
  let boOnB: Client;
  let cyOnB: Client;
  let eveOnB: Client;

  beforeAll(async () => {
    [ada, bo, cy, eve] = (await seedPeople(["Rooms Ada", "Rooms Bo", "Rooms Cy", "Rooms Eve"])) as [
      Person,
      Person,
      Person,
      Person,
    ];
    const [a, b] = cluster().serverUrls as [string, string];
    adaOnA = await signIn(a, ada);
    adaOnB = sameSessionOn(adaOnA, b);
    boOnB = await signIn(b, bo);
    boOnA = sameSessionOn(boOnB, a);
    cyOnB = await signIn(b, cy);
    eveOnB = await signIn(b, eve);
  });

  it("a room message sent through A reaches a member's stream on B, not a non-member's", async () => {
    const roomId = await privateRoom("cluster-rooms-live", ada, [bo]);
    const boStream = await openStream(boOnB);
    const eveStream = await openStream(eveOnB);
    try {
      const id = await sendToRoom(adaOnA, roomId, "rooms: across the servers");
      const event = await heard(boStream, id, "Bo's stream on B hears the room message");
      expect(event.data).toMatchObject({ type: "room.changed", roomId, messageIds: [id] });
      // B handed the event to every local stream it was for in one pass: a direct message
      // to Eve, published after it, arrives behind anything of the room on her stream.
      const marker = await send(adaOnA, { receiverId: eve.id, content: "rooms: marker for Eve" });
      expect(marker.status).toBe(201);
      await heard(eveStream, marker.id as number, "Eve's stream on B is open and served");
      expect(eveStream.events.filter(ofRoom(roomId))).toEqual([]);
    } finally {
      await boStream.close();
      await eveStream.close();
    }
  });

  it("a member removed through A stops hearing the room on B at once; the others go on", async () => {
    const roomId = await privateRoom("cluster-rooms-removal", ada, [bo, cy]);
    const boStream = await openStream(boOnB);
    const cyStream = await openStream(cyOnB);
    try {
      // B has delivered the room once: it knows (and keeps) the room's members.
      const before = await sendToRoom(adaOnA, roomId, "rooms: before the removal");
      await heard(boStream, before, "Bo hears the room while a member");
      await heard(cyStream, before, "Cy hears the room");

      const removed = await callAction(adaOnA, "removeRoomMemberAction", [roomId, bo.id], {
        page: `/rooms/${roomId}`,
      });
      expect(removed.status).toBe(200);
      expect(removed.result).toMatchObject({ ok: true });

      // The very next room message, through either server.
      const after = [
        await sendToRoom(adaOnA, roomId, "rooms: after the removal, through A"),
        await sendToRoom(adaOnB, roomId, "rooms: after the removal, through B"),
      ];
      // Cy, on Bo's server, hears both: B has handed them to its streams of the members.
      for (const id of after) await heard(cyStream, id, "Cy still hears the room");
      // Bo's stream stays open (a direct message, published after, reaches it) and had
      // nothing more of the room.
      const marker = await send(adaOnA, { receiverId: bo.id, content: "rooms: marker for Bo" });
      expect(marker.status).toBe(201);
      await heard(boStream, marker.id as number, "Bo's stream on B is still open");
      expect(boStream.closed).toBe(false);
      expect(roomMessageIds(boStream, roomId)).toEqual([before]);
      expect(roomMessageIds(cyStream, roomId)).toEqual([before, ...after]);
    } finally {
      await boStream.close();
      await cyStream.close();
    }
  });

  it("a member's stream moved from A to B with Last-Event-ID replays the room events it missed, each once", async () => {
    const roomId = await privateRoom("cluster-rooms-resume", ada, [bo]);
    // Bo's browser follows server A and has seen a room event.
    const onA = await openStream(boOnA);
    const before = await sendToRoom(adaOnA, roomId, "rooms: before the move");
    const seen = await heard(onA, before, "Bo hears the room on A");
    await onA.close();
    expect(seen.id, "a room event carries a resume point").toMatch(/~\d+-\d+$/);

    // While the browser reconnects, the room goes on, through both servers.
    const missed: number[] = [];
    for (const [i, sender] of [adaOnA, adaOnB, adaOnA].entries()) {
      missed.push(await sendToRoom(sender, roomId, `rooms: while away ${i}`));
    }

    // It comes back through the load balancer, to B this time.
    const onB = await openStream(boOnB, seen.id);
    try {
      const after = await sendToRoom(adaOnA, roomId, "rooms: after the move");
      await heard(onB, after, "Bo hears the room on B");
      expect(onB.events.filter((e) => e.event === "resync")).toEqual([]);
      // Replayed in order, each once, then the live one; nothing from before the resume point.
      expect(roomMessageIds(onB, roomId)).toEqual([...missed, after]);
    } finally {
      await onB.close();
    }
  });

  it("leaves the shared database whole: room messages, memberships and removals included", async () => {
    expect(await integrityReport(cluster().databaseUrl)).toEqual({
      integrity: ["ok"],
      foreignKeyViolations: [],
      messagesWithoutNotification: 0,
      messagesWithSeveralNotifications: 0,
    });
  });
});
