import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { countAsync } from "@/db/statement-counter";
import { startSession } from "@/lib/accounts/sessions";
import { deactivateUser, setRole } from "@/lib/admin/moderation";
import {
  applySignals,
  currentTypists,
  type PresenceMap,
  type Typist,
  typingText,
  withTypist,
} from "@/lib/live/apply-signals";
import { liveBus } from "@/lib/live/bus";
import { messageChanged, presenceChanged, roomChanged, typingStarted } from "@/lib/live/events";
import { openEventStream } from "@/lib/live/open-stream";
import { recordPresence } from "@/lib/live/presence";
import { presenceRound, type Told } from "@/lib/live/presence-feed";
import { ACTIVE_MS, presenceState } from "@/lib/live/presence-state";
import { createMemoryPresence, presenceStore } from "@/lib/live/presence-store";
import { signalKeys } from "@/lib/live/query-keys";
import type { LiveEvent, LiveEventData } from "@/lib/live/types";
import { sendTyping } from "@/lib/live/typing";
import { createMemoryGate } from "@/lib/live/typing-gate";
import { LARGE_ROOM_MEMBERS } from "@/lib/rooms/large-room";
import { markRoomRead } from "@/lib/rooms/room-messages";
import { addRoomMember, createRoom, joinRoom } from "@/lib/rooms/rooms";
import { addMembers, expectOk, makeUser } from "./helpers";

/** Waits for the condition (room delivery reads the members once, asynchronously). */
async function until(condition: () => boolean, withinMs = 5_000) {
  const deadline = Date.now() + withinMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not met within ${withinMs} ms: ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function listen(userIds: number[]) {
  const heard = new Map<number, LiveEvent[]>(userIds.map((id) => [id, []]));
  const stops = userIds.map((id) => liveBus().subscribe(id, (e) => heard.get(id)?.push(e)));
  const typing = (id: number) =>
    (heard.get(id) ?? []).filter((e) => e.data.type === "typing.started");
  return {
    heard,
    typing,
    stop: () => {
      for (const stop of stops) stop();
    },
  };
}

describe("typing", () => {
  it("is let through at most once every 2 s per person and conversation on the server", async () => {
    const gate = createMemoryGate();
    expect(await gate.allow("1:r5", 10_000)).toBe(true);
    expect(await gate.allow("1:r5", 11_999)).toBe(false);
    expect(await gate.allow("1:u7", 11_999)).toBe(true);
    expect(await gate.allow("2:r5", 11_999)).toBe(true);
    expect(await gate.allow("1:r5", 12_000)).toBe(true);
  });

  it("lets an honest client's signals through when the first one waited in the server's queue", async () => {
    // Sent at 0 and 3 s (TYPING_EVERY_MS), the first reaching the server 900 ms late.
    const gate = createMemoryGate();
    expect(await gate.allow("1:r5", 10_900)).toBe(true);
    expect(await gate.allow("1:r5", 13_000)).toBe(true);
  });

  it("shows for 6 s after the latest signal, one entry per person, never the viewer's own", () => {
    let list: Typist[] = [];
    list = withTypist(list, { id: 1, name: "Amira", at: 1_000 });
    list = withTypist(list, { id: 2, name: "Bilal", at: 2_000 });
    list = withTypist(list, { id: 1, name: "Amira", at: 4_000 });
    expect(list.map((t) => t.id)).toEqual([1, 2]);
    expect(currentTypists(list, 7_999).map((t) => t.name)).toEqual(["Amira", "Bilal"]);
    expect(currentTypists(list, 8_000).map((t) => t.name)).toEqual(["Amira"]);
    expect(currentTypists(list, 10_000)).toEqual([]);
    expect(currentTypists(list, 5_000, 1).map((t) => t.name)).toEqual(["Bilal"]);
  });

  it("names up to three people, then says several", () => {
    expect(typingText([])).toBe("");
    expect(typingText(["Amira"])).toBe("Amira is typing…");
    expect(typingText(["Amira", "Bilal"])).toBe("Amira and Bilal are typing…");
    expect(typingText(["Amira", "Bilal", "Chen"])).toBe("Amira, Bilal and Chen are typing…");
    expect(typingText(["Amira", "Bilal", "Chen", "Dana"])).toBe("Several people are typing…");
  });

  it("is applied in place and ends when the typist's message arrives", () => {
    const client = new QueryClient();
    const dm = signalKeys.typing("dm:7");
    const room = signalKeys.typing("room:3");
    client.setQueryData(dm, []);
    client.setQueryData(room, []);
    applySignals(client, typingStarted({ id: 7, name: "Amira" }), 1_000);
    applySignals(client, typingStarted({ id: 8, name: "Bilal" }, 3), 1_000);
    applySignals(client, typingStarted({ id: 9, name: "Chen" }, 3), 1_000);
    expect(client.getQueryData<Typist[]>(dm)).toEqual([{ id: 7, name: "Amira", at: 1_000 }]);
    expect(client.getQueryData<Typist[]>(room)?.map((t) => t.id)).toEqual([9, 8]);
    // Not on screen: nothing is held for it.
    applySignals(client, typingStarted({ id: 5, name: "Eve" }), 1_000);
    expect(client.getQueryData(signalKeys.typing("dm:5"))).toBeUndefined();

    const message = { senderId: 7, parentId: null } as never;
    const created = messageChanged(
      "message.created",
      { conversationWith: 7, messageIds: [1], threadRootIds: [] },
      [message],
    );
    applySignals(client, created, 2_000);
    expect(client.getQueryData<Typist[]>(dm)).toEqual([]);
    applySignals(client, roomChanged(3, "message.created", [2], [], [8]), 2_000);
    expect(client.getQueryData<Typist[]>(room)?.map((t) => t.id)).toEqual([9]);

    client.setQueryData<PresenceMap>(signalKeys.presence, { 7: "active", 8: "away" });
    applySignals(client, presenceChanged([[8, "offline"]]));
    expect(client.getQueryData(signalKeys.presence)).toEqual({ 7: "active", 8: "offline" });
  });

  it("reaches the other members of a private room only; a non-member is told it does not exist", async () => {
    const ada = await makeUser("Ada");
    const brian = await makeUser("Brian");
    const eve = await makeUser("Eve");
    const room = expectOk(await createRoom(ada.id, { name: "quiet", kind: "private" }));
    expectOk(await addRoomMember(ada.id, { roomId: room.id, userId: brian.id }));
    // Both have the room open (typing shows on the room's page only).
    await markRoomRead(ada.id, room.id, true);
    await markRoomRead(brian.id, room.id, true);
    const { typing, stop } = listen([ada.id, brian.id, eve.id]);
    const before = { at: (await liveBus().roomClock()) ?? 0, seq: null };

    expectOk(await sendTyping(ada, { roomId: room.id }));
    await until(() => typing(brian.id).length === 1);
    expect(typing(brian.id)[0]).toEqual({
      id: "",
      userId: brian.id,
      data: typingStarted(ada, room.id),
    });
    const refused = await sendTyping(eve, { roomId: room.id });
    expect(refused.ok === false && refused.code).toBe("not_found");
    // The limit: a second signal within 3 s is refused and reaches nobody.
    const again = await sendTyping(ada, { roomId: room.id });
    expect(again.ok === false && again.code).toBe("rate_limited");

    // Something after, to be sure nothing else was on its way to Eve.
    expectOk(await sendTyping(brian, { roomId: room.id }));
    await until(() => typing(ada.id).length === 1);
    expect(typing(eve.id)).toEqual([]);
    // Nobody hears their own.
    expect(typing(ada.id).map((e) => e.data)).toEqual([typingStarted(brian, room.id)]);
    expect(typing(brian.id)).toHaveLength(1);
    // Ephemeral: nothing of it is in the room log a resuming stream replays.
    const replayed = await liveBus().replayRooms(brian.id, new Set([room.id]), before);
    expect(replayed).toMatchObject({ complete: true, events: [] });
    stop();
  });

  it("in a room reaches the members who have it open, in one message whatever the room's size", async () => {
    const ada = await makeUser("Ada");
    const brian = await makeUser("Brian");
    const chen = await makeUser("Chen");
    const room = expectOk(await createRoom(ada.id, { name: "watched", kind: "open" }));
    for (const member of [brian, chen]) expectOk(await joinRoom(member.id, { roomId: room.id }));
    await markRoomRead(brian.id, room.id, true);
    // Chen opened the room and left it again: no longer watching.
    await markRoomRead(chen.id, room.id, true);
    await markRoomRead(chen.id, room.id, false);
    const { typing, stop } = listen([ada.id, brian.id, chen.id]);

    const sent = await countAsync(() => sendTyping(ada, { roomId: room.id }));
    expectOk(sent.result);
    // Access, the room's size, the watchers.
    expect(sent.count).toBe(3);
    expect(typing(brian.id).map((e) => e.data)).toEqual([typingStarted(ada, room.id)]);
    expect(typing(chen.id)).toEqual([]);
    // Never to the typist, even with the room open.
    await markRoomRead(ada.id, room.id, true);
    expectOk(await sendTyping(brian, { roomId: room.id }));
    expect(typing(ada.id).map((e) => e.data)).toEqual([typingStarted(brian, room.id)]);
    expect(typing(brian.id)).toHaveLength(1);
    expect(typing(chen.id)).toEqual([]);
    stop();
  });

  it("in an open room only members may send it; in a direct message only the other person hears it", async () => {
    const ada = await makeUser("Ada");
    const brian = await makeUser("Brian");
    const eve = await makeUser("Eve");
    const room = expectOk(await createRoom(ada.id, { name: "lobby", kind: "open" }));
    const outsider = await sendTyping(eve, { roomId: room.id });
    expect(outsider.ok === false && outsider.code).toBe("not_found");

    const { typing, stop } = listen([ada.id, brian.id, eve.id]);
    expectOk(await sendTyping(ada, { receiverId: brian.id }));
    expect(typing(brian.id).map((e) => e.data)).toEqual([typingStarted(ada)]);
    expect(typing(eve.id)).toEqual([]);
    expect(typing(ada.id)).toEqual([]);

    const nobody = await sendTyping(ada, { receiverId: 999_999 });
    expect(nobody.ok === false && nobody.code).toBe("not_found");
    const bad = await sendTyping(ada, { receiverId: "x" });
    expect(bad.ok === false && bad.code).toBe("invalid");
    stop();
  });

  it("is not sent in a large room (over 100 members): refused in two statements, reaching nobody", async () => {
    const ada = await makeUser("Ada");
    const room = expectOk(await createRoom(ada.id, { name: `all-${ada.id}`, kind: "open" }));
    const join = async (count: number) => {
      const { last } = await addMembers(room.id, count, "Many");
      return { id: last, name: `Many ${count}` };
    };
    // One of those who joined types.
    const typist = await join(LARGE_ROOM_MEMBERS - 1);
    await markRoomRead(ada.id, room.id, true);
    const { typing, stop } = listen([ada.id]);
    // LARGE_ROOM_MEMBERS members: still a room where typing shows.
    expectOk(await sendTyping(typist, { roomId: room.id }));
    await until(() => typing(ada.id).length === 1);

    await join(1);
    // Access, then the bounded count (before the rate limit): the same at 101 or 10,000.
    const { count, result: refused } = await countAsync(() =>
      sendTyping(typist, { roomId: room.id }),
    );
    expect(count).toBe(2);
    expect(refused).toMatchObject({ ok: false, code: "invalid" });
    expect(refused.ok === false && refused.error).toContain(`more than ${LARGE_ROOM_MEMBERS}`);
    // Nothing else on its way: a direct signal after it is the next thing Ada hears.
    expectOk(await sendTyping(typist, { receiverId: ada.id }));
    await until(() => typing(ada.id).length === 2);
    expect(typing(ada.id).map((e) => e.data)).toEqual([
      typingStarted(typist, room.id),
      typingStarted(typist),
    ]);
    stop();
  });
});

describe("presence", () => {
  it("is offline without a stream, away with one, active for 5 minutes after a tab is used", () => {
    expect(presenceState({ online: false, lastActiveAt: 1_000 }, 1_000)).toBe("offline");
    expect(presenceState({ online: true, lastActiveAt: undefined }, 1_000)).toBe("away");
    expect(presenceState({ online: true, lastActiveAt: 1_000 }, 1_000 + ACTIVE_MS - 1)).toBe(
      "active",
    );
    expect(presenceState({ online: true, lastActiveAt: 1_000 }, 1_000 + ACTIVE_MS)).toBe("away");
  });

  it("follows streams and pings in memory", async () => {
    const store = createMemoryPresence();
    const state = async (at: number) => (await store.states([1], at)).get(1);
    expect(await state(0)).toBe("offline");
    store.streamOpened(1);
    store.streamOpened(1);
    expect(await state(0)).toBe("away");
    await store.ping(1, true, [2], 1_000);
    expect(await state(2_000)).toBe("active");
    expect(await state(1_000 + ACTIVE_MS)).toBe("away");
    store.streamClosed(1);
    expect(await state(2_000)).toBe("active");
    store.streamClosed(1);
    expect(await state(2_000)).toBe("offline");
  });

  it("tells each user, in one event per round, only what changed among the colleagues they view", async () => {
    const store = createMemoryPresence();
    const delivered: { userId: number; data: LiveEventData }[] = [];
    const local = new Set([1, 2]);
    const bus = {
      localUsers: () => local,
      deliverHere: (userId: number, data: LiveEventData) => delivered.push({ userId, data }),
    };
    const told: Told = new Map();
    store.streamOpened(1);
    store.streamOpened(2);
    const t = Date.now();
    await store.ping(1, true, [2, 3], t);
    await store.ping(2, false, [1], t);
    expect(await presenceRound(bus, store, told, t + 1)).toBe(2);
    expect(delivered).toEqual([
      {
        userId: 1,
        data: presenceChanged([
          [2, "away"],
          [3, "offline"],
        ]),
      },
      { userId: 2, data: presenceChanged([[1, "active"]]) },
    ]);
    delivered.length = 0;
    expect(await presenceRound(bus, store, told, t + 2)).toBe(0);
    store.streamOpened(3);
    await presenceRound(bus, store, told, t + 3);
    expect(delivered).toEqual([{ userId: 1, data: presenceChanged([[3, "away"]]) }]);
  });

  it("answers a ping with the presence of the colleagues in view, and refuses bad input", async () => {
    const ada = await makeUser("Ada");
    const brian = await makeUser("Brian");
    const answer = expectOk(await recordPresence(ada.id, { active: true, watch: [brian.id] }));
    expect(answer.presence).toEqual([[brian.id, "offline"]]);
    const bad = await recordPresence(ada.id, { active: "yes", watch: [] });
    expect(bad.ok === false && bad.code).toBe("invalid");
    const tooMany = await recordPresence(ada.id, {
      active: false,
      watch: Array.from({ length: 201 }, (_, i) => i + 1),
    });
    expect(tooMany.ok === false && tooMany.code).toBe("invalid");
  });

  it("a deactivated account is offline at once, whatever it did before", async () => {
    const admin = await makeUser("Admin");
    expectOk(await setRole({ kind: "command-line" }, { userId: admin.id }, "admin"));
    const bo = await makeUser("Bo");
    const sessionId = await startSession(bo.id);
    const opened = openEventStream(
      { userId: bo.id, sessionId },
      null,
      new AbortController().signal,
    );
    expect(opened.status).toBe("open");
    expectOk(await recordPresence(bo.id, { active: true, watch: [] }));
    const stateOfBo = async () => (await presenceStore().states([bo.id])).get(bo.id);
    expect(await stateOfBo()).toBe("active");

    expectOk(await deactivateUser({ kind: "admin", id: admin.id }, { userId: bo.id }));
    expect(await stateOfBo()).toBe("offline");
    // A ping that still slipped through does not bring it back: there is no stream.
    expectOk(await recordPresence(bo.id, { active: true, watch: [] }));
    expect(await stateOfBo()).toBe("offline");
  });
});
