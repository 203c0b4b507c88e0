import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/query";
import type { User } from "@/db/schema";
import { countAsync } from "@/db/statement-counter";
import { replyToMessage } from "@/lib/messaging/threads";
import { NotFoundError } from "@/lib/platform/result";
import { markRoomRead, myRooms, sendRoomMessage } from "@/lib/rooms/room-messages";
import { createRoom, joinRoom } from "@/lib/rooms/rooms";
import { ROOM_WATCH_MS } from "@/lib/rooms/watching";
import { expectOk, makeUser } from "./helpers";

async function roomWith(members: number) {
  const [ada, ...others] = await Promise.all(Array.from({ length: members }, () => makeUser()));
  if (!ada) throw new Error("a room needs a member");
  const room = expectOk(await createRoom(ada.id, { name: `watch-${ada.id}`, kind: "open" }));
  for (const other of others) expectOk(await joinRoom(other.id, { roomId: room.id }));
  return { ada, others, room };
}

const unreadOf = async (userId: number) => (await myRooms(userId))[0]?.unread;
const say = (userId: number, roomId: number, content: string) =>
  sendRoomMessage(userId, { roomId, content }).then(expectOk);

describe("watching a room", () => {
  it("reads each new message for the members watching it, in the send, and no one else", async () => {
    const { ada, others, room } = await roomWith(3);
    const [bo, cy] = others as [User, User];
    await markRoomRead(bo.id, room.id, true);
    const root = await say(ada.id, room.id, "one");
    expectOk(await replyToMessage(ada.id, { parentMessageId: root.id, content: "two" }));
    expect(await unreadOf(bo.id)).toBe(0);
    expect(await unreadOf(cy.id)).toBe(2);

    // Leaving (or hiding the tab) marks what was shown read and ends the watch.
    await say(ada.id, room.id, "three");
    await markRoomRead(bo.id, room.id, false);
    expect(await unreadOf(bo.id)).toBe(0);
    await say(ada.id, room.id, "while away");
    expect(await unreadOf(bo.id)).toBe(1);
  });

  it("ends by itself ROOM_WATCH_MS after the tab last said so", async () => {
    const { ada, others, room } = await roomWith(2);
    const bo = others[0] as User;
    await markRoomRead(bo.id, room.id, true);
    const [row] = await rows<{ until: number }>(
      sql`select watching_until as until from room_members where room_id = ${room.id} and user_id = ${bo.id}`,
    );
    expect(Number(row?.until) - Date.now()).toBeGreaterThan(ROOM_WATCH_MS - 60_000);
    expect(Number(row?.until) - Date.now()).toBeLessThanOrEqual(ROOM_WATCH_MS);
    await rows(sql`update room_members set watching_until = ${Date.now() - 1}
      where room_id = ${room.id} and user_id = ${bo.id} returning user_id`);
    await say(ada.id, room.id, "after the tab vanished");
    expect(await unreadOf(bo.id)).toBe(1);
  });

  it("costs two statements to start or end, and is refused to non-members", async () => {
    const { ada, others, room } = await roomWith(2);
    const bo = others[0] as User;
    expect((await countAsync(() => markRoomRead(bo.id, room.id, true))).count).toBe(2);
    await say(ada.id, room.id, "news");
    expect((await countAsync(() => markRoomRead(bo.id, room.id, false))).count).toBe(2);
    const eve = await makeUser();
    await expect(markRoomRead(eve.id, room.id, true)).rejects.toThrow(NotFoundError);
    const [row] = await rows<{ watching: number }>(
      sql`select count(*) as watching from room_members where watching_until is not null`,
    );
    expect(Number(row?.watching)).toBe(0);
  });
});
