import { describe, expect, it } from "vitest";
import { liveBus } from "@/lib/live/bus";
import type { LiveEvent } from "@/lib/live/types";
import { replyToMessage } from "@/lib/messaging/threads";
import { sendRoomMessage } from "@/lib/rooms/room-messages";
import { addRoomMember, createRoom, removeRoomMember } from "@/lib/rooms/rooms";
import { expectOk, makeUser } from "./helpers";

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
      messageIds: [first.id],
      threadRootIds: [first.id],
      countsUnchanged: true,
      senderIds: [ada.id],
    });
    // Not replayed, so no id: it must not move the stream's resume point.
    expect(roomEvents(brian.id)[0]?.id).toBe("");

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
