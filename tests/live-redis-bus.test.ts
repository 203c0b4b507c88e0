import { describe, expect, it } from "vitest";
import { createRedisBus, ROOM_LOG_KEY, userStreamKey } from "@/lib/live/redis-bus";
import type { LiveEvent } from "@/lib/live/types";
import { redis } from "@/lib/platform/redis/connection.mjs";
import { addRoomMember, createRoom, removeRoomMember } from "@/lib/rooms/rooms";
import { expectOk, makeUser } from "./helpers";
import { expectPrivateIds } from "./support/private-ids";
import { throwawayRedisForThisFile } from "./support/throwaway-redis";

throwawayRedisForThisFile();

describe("the Redis bus's event ids", () => {
  it("count the user's own events only, and resume from any of them", async () => {
    const bus = createRedisBus();
    await bus.ready();
    await expectPrivateIds(bus);
  });

  it("resume on another server: a second bus replays from the first one's id", async () => {
    const [a, b] = [createRedisBus(), createRedisBus()];
    await Promise.all([a.ready(), b.ready()]);
    const seen = await a.publish(7, { type: "message.created", messageIds: [1] });
    const missed = await a.publish(7, { type: "message.updated", messageIds: [1] });
    await a.publish(8, { type: "message.created", messageIds: [2] });
    expect(await b.replay(7, seen.id)).toEqual({ events: [missed], complete: true });
    expect(await b.latestEventId(7)).toBe(missed.id);
  });

  it("ask for a resync once the user's events were trimmed past the id", async () => {
    const bus = createRedisBus(10);
    const first = await bus.publish(9, { type: "message.created", messageIds: [0] });
    for (let i = 1; i < 500; i++)
      await bus.publish(9, { type: "message.created", messageIds: [i] });
    const kept = await redis()?.xLen(userStreamKey(9));
    expect(kept).toBeLessThan(500);
    expect(await bus.replay(9, first.id)).toEqual({ events: [], complete: false });
    expect(await bus.replay(9, "garbage")).toEqual({ events: [], complete: false });
    expect((await bus.replay(10, "0-0")).complete).toBe(true);
  });
});

describe("the Redis bus's room log", () => {
  const roomEvent = (roomId: number, id: number) => ({
    type: "room.changed" as const,
    roomId,
    change: "message.created" as const,
    messageIds: [id],
    countsUnchanged: true as const,
  });

  it("one entry per room event; another server replays the user's rooms' after a position", async () => {
    const [a, b] = [createRedisBus(), createRedisBus()];
    await Promise.all([a.ready(), b.ready()]);
    const clock = await b.roomClock();
    expect(clock).toEqual(expect.any(Number));
    const before = (await redis()?.xLen(ROOM_LOG_KEY)) ?? 0;
    await a.publishRoom(31, roomEvent(31, 1));
    await a.publishRoom(32, roomEvent(32, 2));
    await a.publishRoom(31, roomEvent(31, 3));
    // One entry each, whatever the room's size: never one per member.
    expect(await redis()?.xLen(ROOM_LOG_KEY)).toBe(before + 3);
    const since = { at: clock ?? 0, seq: null };
    const replay = await b.replayRooms(5, new Set([31]), since);
    expect(replay.complete).toBe(true);
    expect(replay.events.map((e) => [e.userId, e.data.messageIds])).toEqual([
      [5, [1]],
      [5, [3]],
    ]);
    // After the first: only the second; after the last: nothing.
    const [first, last] = replay.events.map((e) => e.roomLog ?? { at: 0, seq: 0 });
    expect((await b.replayRooms(5, new Set([31]), first ?? since)).events).toHaveLength(1);
    expect(await b.replayRooms(5, new Set([31]), last ?? since)).toEqual({
      events: [],
      complete: true,
    });
  });

  it("asks for a resync once the log was trimmed past the position", async () => {
    const bus = createRedisBus(1_000, 10);
    const clock = (await bus.roomClock()) ?? 0;
    for (let i = 0; i < 300; i++) await bus.publishRoom(40, roomEvent(40, i));
    expect((await bus.replayRooms(5, new Set([40]), { at: clock - 1, seq: null })).complete).toBe(
      false,
    );
  });
});

describe("room events across servers", () => {
  it("a room event published on one server reaches a member's stream on another; a removed member's no more", async () => {
    const ada = await makeUser();
    const bo = await makeUser();
    const room = expectOk(await createRoom(ada.id, { name: "across", kind: "private" }));
    expectOk(await addRoomMember(ada.id, { roomId: room.id, userId: bo.id }));
    const [a, b] = [createRedisBus(), createRedisBus()];
    await Promise.all([a.ready(), b.ready()]);
    const heard: LiveEvent[] = [];
    const stop = b.subscribe(bo.id, (event) => heard.push(event));
    const event = (id: number) => ({
      type: "room.changed" as const,
      roomId: room.id,
      change: "message.created" as const,
      messageIds: [id],
      countsUnchanged: true as const,
    });
    await a.publishRoom(room.id, event(1));
    await until(() => heard.length === 1);
    expect(heard[0]?.data.messageIds).toEqual([1]);

    // Removed on server A's side: every server forgets the room's members, B included.
    expectOk(await removeRoomMember(ada.id, { roomId: room.id, userId: bo.id }));
    await a.forgetRoom(room.id);
    await a.publishRoom(room.id, event(2));
    // A later event to Bo himself marks the end: the one channel keeps the order.
    await a.publish(bo.id, { type: "message.created", messageIds: [3] });
    await until(() => heard.some((e) => (e.data.messageIds as number[]).includes(3)));
    expect(heard.map((e) => e.data.messageIds)).toEqual([[1], [3]]);
    stop();
  });
});

async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}
