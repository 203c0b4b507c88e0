import { describe, expect, it } from "vitest";
import { liveBus } from "@/lib/live/bus";
import { liveCursor, parseCursor } from "@/lib/live/cursor";
import { liveEventStream } from "@/lib/live/stream";
import type { LiveEvent } from "@/lib/live/types";
import { replyToMessage } from "@/lib/messaging/threads";
import { sendRoomMessage } from "@/lib/rooms/room-messages";
import { addRoomMember, createRoom, joinRoom, removeRoomMember } from "@/lib/rooms/rooms";
import { expectOk, makeUser, send } from "./helpers";

/** Waits for the condition (room delivery reads the members once, asynchronously). */
async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("live delivery in rooms", () => {
  it("reaches the members with an open stream once, never anyone else; a removed member at once no more", async () => {
    const ada = await makeUser();
    const brian = await makeUser();
    const eve = await makeUser();
    const room = expectOk(await createRoom(ada.id, { name: "secret", kind: "private" }));
    expectOk(await addRoomMember(ada.id, { roomId: room.id, userId: brian.id }));
    const heard = new Map<number, LiveEvent[]>();
    const unsubscribe = [ada, brian, eve].map((user) => {
      heard.set(user.id, []);
      return liveBus().subscribe(user.id, (event) => heard.get(user.id)?.push(event));
    });
    const roomEvents = (userId: number) =>
      (heard.get(userId) ?? []).filter((event) => event.data.type === "room.changed");

    const first = expectOk(await sendRoomMessage(ada.id, { roomId: room.id, content: "one" }));
    await until(() => roomEvents(brian.id).length === 1 && roomEvents(ada.id).length === 1);
    expect(roomEvents(brian.id)[0]?.data).toEqual({
      type: "room.changed",
      roomId: room.id,
      change: "message.created",
      messageIds: [first.id],
      threadRootIds: [first.id],
      countsUnchanged: true,
      senderIds: [ada.id],
      messages: [expect.objectContaining({ id: first.id, content: "one", senderName: ada.name })],
    });
    // One entry of the room log, the same for every member: what a resumed stream replays.
    const [toBrian] = roomEvents(brian.id);
    expect(toBrian?.id).toMatch(/^room:/);
    expect(toBrian?.roomLog).toEqual({ at: expect.any(Number), seq: expect.any(Number) });
    expect(roomEvents(ada.id)[0]?.id).toBe(toBrian?.id);

    // A reply: the room hears it, and the author of the parent hears of their notification.
    expectOk(await replyToMessage(brian.id, { parentMessageId: first.id, content: "re" }));
    await until(() => roomEvents(ada.id).length === 2);
    expect(
      (heard.get(ada.id) ?? []).some((event) => event.data.type === "notification.changed"),
    ).toBe(true);

    expectOk(await removeRoomMember(ada.id, { roomId: room.id, userId: brian.id }));
    expectOk(await sendRoomMessage(ada.id, { roomId: room.id, content: "after" }));
    await until(() => roomEvents(ada.id).length === 3);
    expect(roomEvents(brian.id)).toHaveLength(2);
    expect(roomEvents(eve.id)).toHaveLength(0);
    for (const stop of unsubscribe) stop();
  });
});

interface Frame {
  id?: string;
  event?: string;
  data?: { type: string; roomId?: number; messageIds?: number[] };
}

/** Opens a user's stream from `cursor` and reads its frames until `done` says enough. */
async function framesOf(userId: number, cursor: string | null, done: (frames: Frame[]) => boolean) {
  const request = new AbortController();
  const stream = liveEventStream({ userId, sessionId: `s-${userId}` }, cursor, request.signal);
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const frames: Frame[] = [];
  let buffer = "";
  while (!done(frames)) {
    const { value, done: ended } = await reader.read();
    if (ended) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const frame: Frame = {};
      for (const line of buffer.slice(0, end).split("\n")) {
        const [field, ...rest] = line.split(": ");
        const value = rest.join(": ");
        if (field === "id" || field === "event") frame[field] = value;
        if (field === "data") frame.data = JSON.parse(value);
      }
      if (frame.data || frame.event) frames.push(frame);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf("\n\n");
    }
  }
  request.abort();
  return frames;
}

describe("resuming a stream in rooms (Last-Event-ID)", () => {
  it("replays the room events missed, of the user's rooms only, with the user's own", async () => {
    const ada = await makeUser();
    const brian = await makeUser();
    const mine = expectOk(await createRoom(ada.id, { name: "resume-mine", kind: "private" }));
    expectOk(await addRoomMember(ada.id, { roomId: mine.id, userId: brian.id }));
    const elsewhere = expectOk(await createRoom(ada.id, { name: "resume-else", kind: "open" }));
    // Where a page's stream resumes from, taken before anything below happens.
    const cursor = await liveCursor(brian.id);
    expect(cursor).toMatch(/~\d+$/);

    const one = expectOk(await sendRoomMessage(ada.id, { roomId: mine.id, content: "one" }));
    expectOk(await sendRoomMessage(ada.id, { roomId: elsewhere.id, content: "not Brian's" }));
    const direct = await send(ada.id, brian.id, "direct");
    const two = expectOk(await sendRoomMessage(ada.id, { roomId: mine.id, content: "two" }));

    const isEnough = (frames: Frame[]) => frames.filter((f) => f.data).length >= 3;
    const replayed = await framesOf(brian.id, cursor, isEnough);
    expect(replayed.some((f) => f.event === "resync")).toBe(false);
    const kinds = replayed.map((f) => [f.data?.type, f.data?.roomId, f.data?.messageIds]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ["message.created", undefined, [direct.id]],
        ["room.changed", mine.id, [one.id]],
        ["room.changed", mine.id, [two.id]],
      ]),
    );
    expect(kinds).toHaveLength(3);

    // From the last frame's id: nothing again. A live message marks the replay's end.
    const last = replayed.at(-1)?.id ?? "";
    expect(parseCursor(last).rooms).toEqual({ at: expect.any(Number), seq: expect.any(Number) });
    const marker = (frames: Frame[]) =>
      frames.some((f) => f.data?.type === "room.changed" && f.data.roomId === mine.id);
    const resumed = framesOf(brian.id, last, marker);
    const three = expectOk(await sendRoomMessage(ada.id, { roomId: mine.id, content: "three" }));
    const again = await resumed;
    expect(again.map((f) => f.data?.messageIds)).toEqual([[three.id]]);
    expect(again.some((f) => f.event === "resync")).toBe(false);
  });

  it("replays nothing of a room the user has been removed from", async () => {
    const ada = await makeUser();
    const brian = await makeUser();
    const room = expectOk(await createRoom(ada.id, { name: "resume-removed", kind: "private" }));
    expectOk(await addRoomMember(ada.id, { roomId: room.id, userId: brian.id }));
    const other = expectOk(await createRoom(ada.id, { name: "resume-other", kind: "open" }));
    expectOk(await joinRoom(brian.id, { roomId: other.id }));
    const cursor = await liveCursor(brian.id);
    expectOk(await sendRoomMessage(ada.id, { roomId: room.id, content: "before removal" }));
    expectOk(await removeRoomMember(ada.id, { roomId: room.id, userId: brian.id }));
    expectOk(await sendRoomMessage(ada.id, { roomId: room.id, content: "after removal" }));
    const open = expectOk(await sendRoomMessage(ada.id, { roomId: other.id, content: "open" }));
    const frames = await framesOf(brian.id, cursor, (found) =>
      found.some((f) => f.data?.roomId === other.id),
    );
    const rooms = frames.filter((f) => f.data?.type === "room.changed");
    expect(rooms.map((f) => [f.data?.roomId, f.data?.messageIds])).toEqual([[other.id, [open.id]]]);
  });

  it("reaches exactly the members with a stream whether the room or the server's streams are the larger", async () => {
    const subscribe = (userIds: number[], heard: Map<number, number>) =>
      userIds.map((userId) => {
        heard.set(userId, 0);
        return liveBus().subscribe(userId, (event) => {
          if (event.data.type === "room.changed") heard.set(userId, (heard.get(userId) ?? 0) + 1);
        });
      });
    const total = (heard: Map<number, number>) => [...heard.values()].reduce((a, b) => a + b, 0);

    // A room of two on a server with many more streams: its members are walked.
    const [ada, brian, ...others] = await Promise.all(Array.from({ length: 32 }, () => makeUser()));
    if (!ada || !brian) throw new Error("users");
    const small = expectOk(await createRoom(ada.id, { name: `small-${ada.id}`, kind: "open" }));
    expectOk(await joinRoom(brian.id, { roomId: small.id }));
    const heardSmall = new Map<number, number>();
    const stopSmall = subscribe([ada.id, brian.id, ...others.map((u) => u.id)], heardSmall);
    expectOk(await sendRoomMessage(ada.id, { roomId: small.id, content: "small" }));
    await until(() => total(heardSmall) === 2);
    expect([heardSmall.get(ada.id), heardSmall.get(brian.id)]).toEqual([1, 1]);
    for (const stop of stopSmall) stop();

    // A room of 33 with only two of its members (and one outsider) connected: the streams
    // are walked.
    const outsider = await makeUser();
    const big = expectOk(await createRoom(ada.id, { name: `big-${ada.id}`, kind: "open" }));
    for (const member of [brian, ...others])
      expectOk(await joinRoom(member.id, { roomId: big.id }));
    const heardBig = new Map<number, number>();
    const stopBig = subscribe([brian.id, others[0]?.id as number, outsider.id], heardBig);
    expectOk(await sendRoomMessage(ada.id, { roomId: big.id, content: "big" }));
    await until(() => total(heardBig) === 2);
    expect([heardBig.get(brian.id), heardBig.get(others[0]?.id as number)]).toEqual([1, 1]);
    expect(heardBig.get(outsider.id)).toBe(0);
    for (const stop of stopBig) stop();
  });
});
