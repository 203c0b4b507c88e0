import { describe, expect, it } from "vitest";
import { update } from "@/db/events";
import { db } from "@/db/query";
import { messages } from "@/db/schema";
import { conversationFor, threadFor } from "@/lib/messaging/cached-views";
import type { MessageView } from "@/lib/messaging/conversations";
import { deleteMessage } from "@/lib/messaging/messages";
import { unreadBy } from "@/lib/unread/inbox";
import { markRead } from "@/lib/unread/mark-read";
import { isUnreadFor } from "@/lib/unread/rule";
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
});
