import { describe, expect, it } from "vitest";
import { countAsync } from "@/db/statement-counter";
import { conversationFor } from "@/lib/messaging/cached-views";
import { conversationPage } from "@/lib/messaging/conversations";
import { editMessage } from "@/lib/messaging/messages";
import { replyToMessage } from "@/lib/messaging/threads";
import { markAllNotificationsRead, markRead, markUnread } from "@/lib/unread/mark-read";
import {
  NOTIFICATIONS_PAGE_SIZE,
  notificationsPage,
  olderNotifications,
  unreadCounts,
} from "@/lib/unread/notifications";
import { unreadRepliesFor } from "@/lib/unread/rule";
import { makeUser, send } from "./helpers";

/** The unread replies `viewerId` has in the thread of the conversation's first message. */
async function unreadOnFirst(viewerId: number, otherId: number, countFor = viewerId) {
  const [first] = (await conversationFor(viewerId, otherId)).messages;
  if (!first) throw new Error("empty conversation");
  return unreadRepliesFor(first, countFor);
}

async function reply(userId: number, parentMessageId: number, content: string) {
  const result = await replyToMessage(userId, { parentMessageId, content });
  if (!result.ok) throw new Error(result.error);
  return result.data;
}

describe("unread replies per thread in a conversation page", () => {
  it("counts each participant's unread replies at any depth, in the page's one statement", async () => {
    const a = await makeUser("Ada");
    const b = await makeUser("Bo");
    const root = await send(a.id, b.id, "root");
    const quiet = await send(b.id, a.id, "no replies");
    const r1 = await reply(b.id, root.id, "to Ada 1");
    const r2 = await reply(a.id, r1.id, "to Bo");
    await reply(b.id, r2.id, "to Ada 2, deep");

    const { result, count } = await countAsync(() => conversationPage(a.id, b.id));
    // The page, then its reactions.
    expect(count).toBe(2);
    const [shownRoot, shownQuiet] = result.messages;
    if (!shownRoot || !shownQuiet) throw new Error("missing messages");
    expect(shownRoot.id).toBe(root.id);
    expect(shownRoot.replyCount).toBe(3);
    expect(unreadRepliesFor(shownRoot, a.id)).toBe(2);
    expect(unreadRepliesFor(shownRoot, b.id)).toBe(1);
    expect(shownQuiet.id).toBe(quiet.id);
    expect(unreadRepliesFor(shownQuiet, a.id)).toBe(0);
    expect(unreadRepliesFor(shownQuiet, b.id)).toBe(0);
  });

  it("follows read state through the cached view: read, unread again, deleted", async () => {
    const a = await makeUser("Ada");
    const b = await makeUser("Bo");
    const root = await send(a.id, b.id, "root");
    const r1 = await reply(b.id, root.id, "one");
    const r2 = await reply(b.id, root.id, "two");
    expect(await unreadOnFirst(a.id, b.id)).toBe(2);

    expect((await markRead(a.id, { messageIds: [r1.id] })).ok).toBe(true);
    expect(await unreadOnFirst(a.id, b.id)).toBe(1);
    // Both participants read the same cached page: Bo's view agrees.
    expect(await unreadOnFirst(b.id, a.id, a.id)).toBe(1);

    expect((await markUnread(a.id, { messageId: r1.id })).ok).toBe(true);
    expect(await unreadOnFirst(a.id, b.id)).toBe(2);

    // An edit is not a read; an unread reply stays unread.
    expect((await editMessage(b.id, { messageId: r2.id, content: "two, edited" })).ok).toBe(true);
    expect(await unreadOnFirst(a.id, b.id)).toBe(2);
  });

  it("keeps the page at the same statement count with unread replies on many roots", async () => {
    const a = await makeUser("Ada");
    const b = await makeUser("Bo");
    for (let i = 0; i < 20; i++) {
      const root = await send(a.id, b.id, `root ${i}`);
      await reply(b.id, root.id, `reply ${i}`);
    }
    const { result, count } = await countAsync(() => conversationFor(a.id, b.id));
    expect(result.messages.map((m) => unreadRepliesFor(m, a.id))).toEqual(Array(20).fill(1));
    // The colleague, the page, its attachments and its reactions: a constant.
    expect(count).toBe(4);
  });
});

describe("notifications by page", () => {
  async function many(n: number) {
    const a = await makeUser("Ada");
    const b = await makeUser("Bo");
    for (let i = 0; i < n; i++) await send(a.id, b.id, `message ${i}`);
    return { a, b };
  }

  it("pages newest first without gaps or duplicates, one statement a page", async () => {
    const total = 2 * NOTIFICATIONS_PAGE_SIZE + 3;
    const { b } = await many(total);
    const seen: string[] = [];
    let cursor: number | undefined;
    for (;;) {
      const { result, count } = await countAsync(() => notificationsPage(b.id, cursor));
      expect(count).toBe(1);
      seen.push(...result.notifications.map((n) => n.snippet));
      if (result.nextCursor === null) break;
      cursor = result.nextCursor;
    }
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => `message ${total - 1 - i}`));
  });

  it("answers a cursor from someone else's notifications with nothing, and refuses bad input", async () => {
    const { b } = await many(3);
    const { b: other } = await many(2);
    const foreign = (await notificationsPage(other.id)).notifications[0]?.id;
    const page = await olderNotifications(b.id, { before: foreign });
    expect(page.ok && page.data.notifications).toEqual([]);
    expect((await olderNotifications(b.id, { before: "nope" })).ok).toBe(false);
    expect((await olderNotifications(b.id, {})).ok).toBe(false);
  });

  it("marks all read whatever their number, more than a page", async () => {
    const { b } = await many(NOTIFICATIONS_PAGE_SIZE + 5);
    expect((await unreadCounts(b.id)).notifications).toBe(NOTIFICATIONS_PAGE_SIZE + 5);
    const { result, count } = await countAsync(() => markAllNotificationsRead(b.id));
    expect(result.changed).toBe(NOTIFICATIONS_PAGE_SIZE + 5);
    expect(count).toBeLessThanOrEqual(3);
    expect((await unreadCounts(b.id)).notifications).toBe(0);
  });
});
