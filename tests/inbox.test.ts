import { sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { connect } from "@/db/events";
import { countSync } from "@/db/statement-counter";
import { loadInbox, unreadCountFor, unreadFor, unreadQuery } from "@/lib/inbox";
import { deleteMessage, findMessage } from "@/lib/messages";
import { listNotifications, unreadCounts } from "@/lib/notifications";
import {
  markAllNotificationsRead,
  markAllRead,
  markRead,
  markUnread,
  openNotification,
} from "@/lib/read-state";
import { allRows, expectOk, makeUser, send } from "./helpers";

async function pair() {
  return { a: await makeUser("Ada"), b: await makeUser("Brian") };
}

describe("the unread manager", () => {
  it("lists only messages received and unread, newest first, never the user's own", async () => {
    const { a, b } = await pair();
    const first = send(a.id, b.id, "first");
    send(b.id, a.id, "from b");
    const second = send(a.id, b.id, "second");
    send(b.id, b.id, "note to self");
    expect(first.read).toBe(false);
    const unread = unreadFor(b.id);
    expect(unread.map((m) => m.id)).toEqual([second.id, first.id]);
    expect(unread[0]).toEqual({
      id: second.id,
      senderId: a.id,
      senderName: "Ada",
      snippet: "second",
      createdAt: second.createdAt,
      parentMessageId: null,
    });
    expect(unreadCountFor(b.id)).toBe(unread.length);
  });

  it("leaves out tombstones and pages by cursor", async () => {
    const { a, b } = await pair();
    const sent = Array.from({ length: 5 }, (_, i) => send(a.id, b.id, `m${i}`));
    const firstPage = unreadFor(b.id, { limit: 2 });
    const secondPage = unreadFor(b.id, { limit: 2, before: firstPage.at(-1)?.id });
    expect([...firstPage, ...secondPage].map((m) => m.snippet)).toEqual(["m4", "m3", "m2", "m1"]);
    expect(sent).toHaveLength(5);
  });

  it("loads the inbox page in 2 statements for 3 or 300 unread from 30 senders", async () => {
    const reader = await makeUser("Reader");
    const senders = await Promise.all(
      Array.from({ length: 30 }, (_, i) => makeUser(`Sender ${i}`)),
    );
    const other = await makeUser("Other reader");
    for (let i = 0; i < 3; i++) send((senders[i] ?? reader).id, other.id, `hi ${i}`);
    for (let i = 0; i < 300; i++) send((senders[i % 30] ?? reader).id, reader.id, `hello ${i}`);
    const few = countSync(() => loadInbox(other.id));
    const many = countSync(() => loadInbox(reader.id));
    expect(few.result.total).toBe(3);
    expect(many.result.total).toBe(300);
    expect(many.result.messages).toHaveLength(50);
    expect(few.count).toBe(2);
    expect(many.count).toBe(2);
  });

  it("is served by the partial index on unread messages", async () => {
    const { b } = await pair();
    const query = unreadQuery(b.id);
    const plan = getDb()
      .$client.prepare(`explain query plan ${query.sql}`)
      .all(...query.params) as { detail: string }[];
    expect(plan.map((row) => row.detail).join("\n")).toMatch(/USING INDEX messages_unread_idx/);
    const countPlan = getDb().all<{ detail: string }>(
      sql`explain query plan select count(*) from messages where receiver_id = ${b.id} and read = 0 and sender_id != ${b.id} and deleted_at is null`,
    );
    expect(countPlan.map((row) => row.detail).join("\n")).toMatch(/messages_unread_idx/);
  });
});

describe("marking read", () => {
  it("sets read and read_at, reads the notification, and drops the count by one", async () => {
    const { a, b } = await pair();
    const one = send(a.id, b.id, "one");
    send(a.id, b.id, "two");
    expect(unreadCounts(b.id)).toEqual({ inbox: 2, notifications: 2 });
    expect(expectOk(markRead(b.id, { messageIds: [one.id] }))).toEqual({ changed: 1 });
    expect(findMessage(one.id)).toMatchObject({ read: true });
    expect(findMessage(one.id)?.readAt).toEqual(expect.any(Number));
    expect(allRows("notifications").find((n) => n.message_id === one.id)?.read).toBe(1);
    expect(unreadCounts(b.id)).toEqual({ inbox: 1, notifications: 1 });
  });

  it("refuses anyone but the receiver, and the message stays unread", async () => {
    const { a, b } = await pair();
    const c = await makeUser("Cleo");
    const message = send(a.id, b.id, "for b");
    const mine = send(c.id, c.id, "note");
    for (const userId of [a.id, c.id]) {
      expect(markRead(userId, { messageIds: [message.id] })).toMatchObject({ ok: false });
      expect(markUnread(userId, { messageId: message.id })).toMatchObject({ ok: false });
    }
    // A mixed batch changes nothing at all.
    expect(markRead(c.id, { messageIds: [mine.id, message.id] })).toMatchObject({ ok: false });
    expect(findMessage(message.id)?.read).toBe(false);
    expect(markRead(b.id, { messageIds: [] })).toMatchObject({ ok: false, code: "invalid" });
    expect(markRead(b.id, { messageIds: ["x"] })).toMatchObject({ ok: false, code: "invalid" });
  });

  it("marks all read with one UPDATE and one batch event, and returns the count", async () => {
    const { a, b } = await pair();
    for (let i = 0; i < 4; i++) send(a.id, b.id, `m${i}`);
    send(b.id, a.id, "not b's to read");
    const batch = vi.fn();
    const single = vi.fn();
    connect("bulkUpdate", "messages", batch, { id: "test.batch" });
    connect("postSave", "messages", single, { id: "test.single" });
    const { result, statements } = countSync(() => markAllRead(b.id));
    expect(result).toEqual({ changed: 4 });
    expect(statements.filter((s) => /^update "messages"/i.test(s))).toHaveLength(1);
    expect(batch).toHaveBeenCalledTimes(1);
    expect(batch.mock.calls[0]?.[0].rows).toHaveLength(4);
    expect(single).not.toHaveBeenCalled();
    expect(unreadCountFor(b.id)).toBe(0);
    expect(unreadCounts(b.id).notifications).toBe(0);
    expect(unreadCountFor(a.id)).toBe(1);
  });

  it("brings a message back into the inbox when marked unread", async () => {
    const { a, b } = await pair();
    const message = send(a.id, b.id, "again");
    markAllRead(b.id);
    expect(unreadFor(b.id)).toEqual([]);
    expectOk(markUnread(b.id, { messageId: message.id }));
    expect(unreadFor(b.id).map((m) => m.id)).toEqual([message.id]);
    expect(findMessage(message.id)?.readAt).toBeNull();
    expect(unreadCounts(b.id).notifications).toBe(1);
  });

  it("never lists a deleted message", async () => {
    const { a, b } = await pair();
    const message = send(a.id, b.id, "gone");
    expectOk(deleteMessage(a.id, { messageId: message.id }));
    expect(unreadCountFor(b.id)).toBe(0);
  });
});

describe("the notifications centre", () => {
  it("opening a notification reads it and its message; mark all reads the rest", async () => {
    const { a, b } = await pair();
    const c = await makeUser("Cleo");
    const first = send(a.id, b.id, "first");
    send(a.id, b.id, "second");
    const [newest, oldest] = listNotifications(b.id);
    expect(newest?.snippet).toBe("second");
    expect(openNotification(c.id, { notificationId: oldest?.id })).toMatchObject({ ok: false });
    expectOk(openNotification(b.id, { notificationId: oldest?.id }));
    expect(findMessage(first.id)?.read).toBe(true);
    expect(unreadCounts(b.id)).toEqual({ inbox: 1, notifications: 1 });
    expect(markAllNotificationsRead(b.id)).toEqual({ changed: 1 });
    expect(unreadCounts(b.id).notifications).toBe(0);
  });
});
