import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { update } from "@/db/events";
import { db, rows } from "@/db/query";
import { messages } from "@/db/schema";
import { conversationFor, threadFor } from "@/lib/messaging/cached-views";
import type { MessageView } from "@/lib/messaging/conversations";
import { deleteMessage } from "@/lib/messaging/messages";
import { replyToMessage } from "@/lib/messaging/threads";
import { markRoomRead, roomFor, sendRoomMessage } from "@/lib/rooms/room-messages";
import { createRoom, joinRoom } from "@/lib/rooms/rooms";
import { unreadBy } from "@/lib/unread/inbox";
import { markRead } from "@/lib/unread/mark-read";
import { unreadInRoom } from "@/lib/unread/room-unread";
import { isUnreadFor, isUnreadInRoom, unreadRepliesFor } from "@/lib/unread/rule";
import { expectOk, makeUser, send, store } from "./helpers";

/** Every message the viewer can see, as the views hand them to the client. */
async function viewsOf(viewerId: number, others: number[]): Promise<Map<number, MessageView>> {
  const seen = new Map<number, MessageView>();
  for (const other of others) {
    for (const message of (await conversationFor(viewerId, other)).messages) {
      seen.set(message.id, message);
      for (const inThread of (await threadFor(viewerId, message.id)).messages) {
        seen.set(inThread.id, inThread);
      }
    }
  }
  return seen;
}

/** The ids the SQL rule counts as unread for the viewer. */
async function unreadInSql(viewerId: number): Promise<number[]> {
  const found = await db().select({ id: messages.id }).from(messages).where(unreadBy(viewerId));
  return found.map((row) => row.id).sort((x, y) => x - y);
}

describe("the unread rule", () => {
  it("is the same on the client (isUnreadFor) as in SQL (unreadBy)", async () => {
    const ada = await makeUser("Ada");
    const bo = await makeUser("Bo");

    const receivedUnread = await send(ada.id, bo.id, "received, unread");
    const receivedRead = await send(ada.id, bo.id, "received, read");
    expectOk(await markRead(bo.id, { messageIds: [receivedRead.id] }));
    const sentByBo = await send(bo.id, ada.id, "sent by Bo");
    const note = await send(bo.id, bo.id, "Bo's note to self");
    // A note stays Bo's own even if its read flag is cleared: never unread.
    const unreadNote = await send(bo.id, bo.id, "Bo's note, flag cleared");
    await update("messages", unreadNote.id, { read: false, readAt: null });
    // A message Bo never read, deleted by Ada after a reply: a tombstone, still read = false.
    const tombstone = await send(ada.id, bo.id, "soon deleted");
    const replyToTombstone = await store({
      senderId: bo.id,
      receiverId: ada.id,
      content: "Bo replied in time",
      parentMessageId: tombstone.id,
    });
    expectOk(await deleteMessage(ada.id, { messageId: tombstone.id }));
    const unreadReply = await store({
      senderId: ada.id,
      receiverId: bo.id,
      content: "a reply Bo has not read",
      parentMessageId: receivedRead.id,
    });

    const all = [
      receivedUnread,
      receivedRead,
      sentByBo,
      note,
      unreadNote,
      tombstone,
      replyToTombstone,
      unreadReply,
    ];
    for (const viewer of [ada, bo]) {
      const views = await viewsOf(viewer.id, [ada.id, bo.id]);
      const visible = all.filter((m) => m.senderId === viewer.id || m.receiverId === viewer.id);
      // The fixture is complete: the views show every message the viewer takes part in.
      expect([...views.keys()].sort((x, y) => x - y)).toEqual(
        visible.map((m) => m.id).sort((x, y) => x - y),
      );
      const onClient = [...views.values()]
        .filter((m) => isUnreadFor(m, viewer.id))
        .map((m) => m.id)
        .sort((x, y) => x - y);
      expect(onClient).toEqual(await unreadInSql(viewer.id));
    }

    // And the rule itself: for Bo, only what he received from Ada and has not read.
    expect(await unreadInSql(bo.id)).toEqual([receivedUnread.id, unreadReply.id]);
    expect(await unreadInSql(ada.id)).toEqual([sentByBo.id, replyToTombstone.id]);
  });

  it("counts a thread's unread replies in SQL (the conversation) as the client rule does", async () => {
    const ada = await makeUser("Ada");
    const bo = await makeUser("Bo");
    const root = await send(ada.id, bo.id, "root");
    const reply = (
      senderId: number,
      receiverId: number,
      parentMessageId: number,
      content: string,
    ) => store({ senderId, receiverId, parentMessageId, content });
    // Replies at several depths, each way, in every state the rule tells apart.
    const toAda = await reply(bo.id, ada.id, root.id, "Bo to Ada, unread");
    const toAdaRead = await reply(bo.id, ada.id, root.id, "Bo to Ada, read");
    expectOk(await markRead(ada.id, { messageIds: [toAdaRead.id] }));
    const toBo = await reply(ada.id, bo.id, toAda.id, "Ada to Bo, unread, depth 2");
    const deep = await reply(bo.id, ada.id, toBo.id, "Bo to Ada, unread, depth 3");
    const doomed = await reply(ada.id, bo.id, deep.id, "Ada to Bo, soon a tombstone");
    await reply(bo.id, ada.id, doomed.id, "Bo answered in time");
    expectOk(await deleteMessage(ada.id, { messageId: doomed.id }));
    // A second thread in which everything is read: zero on both sides.
    const quiet = await send(bo.id, ada.id, "quiet root");
    const quietReply = await reply(ada.id, bo.id, quiet.id, "read at once");
    expectOk(await markRead(bo.id, { messageIds: [quietReply.id] }));
    // And a note to self with a reply of its own: never unread.
    const note = await send(ada.id, ada.id, "note");
    await reply(ada.id, ada.id, note.id, "note's reply");

    let unreadSeen = 0;
    for (const viewer of [ada, bo]) {
      for (const other of [ada, bo]) {
        for (const shown of (await conversationFor(viewer.id, other.id)).messages) {
          const thread = (await threadFor(viewer.id, shown.id)).messages;
          const onClient = thread.filter(
            (m) => m.id !== shown.id && isUnreadFor(m, viewer.id),
          ).length;
          expect(unreadRepliesFor(shown, viewer.id)).toBe(onClient);
          unreadSeen += onClient;
        }
      }
    }
    // The fixture exercises the rule: Ada has 3 unread replies (one under the tombstone), Bo 1.
    expect(unreadSeen).toBe(4);
  });
});

describe("the room unread rule", () => {
  it("is the same on the client (isUnreadInRoom) as in SQL (unreadInRoom)", async () => {
    const ada = await makeUser("Ada");
    const bo = await makeUser("Bo");
    const room = expectOk(await createRoom(ada.id, { name: "rule-room", kind: "open" }));
    expectOk(await joinRoom(bo.id, { roomId: room.id }));
    const read = expectOk(await sendRoomMessage(ada.id, { roomId: room.id, content: "read" }));
    await markRoomRead(bo.id, room.id);
    expectOk(await sendRoomMessage(ada.id, { roomId: room.id, content: "unread" }));
    expectOk(await sendRoomMessage(bo.id, { roomId: room.id, content: "Bo's own" }));
    const gone = expectOk(await sendRoomMessage(ada.id, { roomId: room.id, content: "gone" }));
    expectOk(await replyToMessage(bo.id, { parentMessageId: gone.id, content: "kept" }));
    expectOk(await deleteMessage(ada.id, { messageId: gone.id }));
    expectOk(await sendRoomMessage(ada.id, { roomId: room.id, content: "last" }));

    const inSql = await rows<{ id: number }>(sql`
      select m.id from messages m join room_members rm on ${unreadInRoom("m", "rm")}
      where rm.user_id = ${bo.id} and m.parent_message_id is null order by m.id`);
    const view = await roomFor(bo.id, room.id);
    const position = view.membership?.lastReadMessageId ?? 0;
    expect(position).toBe(read.id);
    const onClient = view.messages.filter((m) => isUnreadInRoom(m, bo.id, position));
    expect(onClient.map((m) => m.id)).toEqual(inSql.map((row) => Number(row.id)));
    expect(onClient.map((m) => m.content)).toEqual(["unread", "last"]);
  });
});
