import { describe, expect, it, vi } from "vitest";
import { getConnection } from "@/db/client";
import { connect } from "@/db/events";
import { countAsync } from "@/db/statement-counter";
import { deleteMessage, findMessage } from "@/lib/messaging/messages";
import {
  loadInbox,
  unreadCountFor,
  unreadCountQuery,
  unreadFor,
  unreadQuery,
} from "@/lib/unread/inbox";
import {
  markAllNotificationsRead,
  markAllRead,
  markRead,
  markUnread,
  openNotification,
} from "@/lib/unread/mark-read";
import { listNotifications, unreadCounts } from "@/lib/unread/notifications";
import { allRows, bool, expectOk, makeUser, send } from "./helpers";
import { planOf } from "./support/query-plan";

async function pair() {
  return { a: await makeUser("Ada"), b: await makeUser("Brian") };
}

describe("the unread manager", () => {
  it("lists only messages received and unread, newest first, never the user's own", async () => {
    const { a, b } = await pair();
    const first = await send(a.id, b.id, "first");
    await send(b.id, a.id, "from b");
    const second = await send(a.id, b.id, "second");
    await send(b.id, b.id, "note to self");
    expect(first.read).toBe(false);
    const unread = await unreadFor(b.id);
    expect(unread.map((m) => m.id)).toEqual([second.id, first.id]);
    expect(unread[0]).toEqual({
      id: second.id,
      senderId: a.id,
      senderName: "Ada",
      snippet: "second",
      createdAt: second.createdAt,
      parentMessageId: null,
      roomId: null,
      roomName: null,
    });
    expect(await unreadCountFor(b.id)).toBe(unread.length);
  });

  it("leaves out tombstones and pages by cursor", async () => {
    const { a, b } = await pair();
    const sent = [];
    for (let i = 0; i < 5; i++) sent.push(await send(a.id, b.id, `m${i}`));
    const firstPage = await unreadFor(b.id, { limit: 2 });
    const secondPage = await unreadFor(b.id, { limit: 2, before: firstPage.at(-1)?.id });
    expect([...firstPage, ...secondPage].map((m) => m.snippet)).toEqual(["m4", "m3", "m2", "m1"]);
    expect(sent).toHaveLength(5);
  });

  it("loads the inbox page in 2 statements for 3 or 300 unread from 30 senders", async () => {
    const reader = await makeUser("Reader");
    const senders = await Promise.all(
      Array.from({ length: 30 }, (_, i) => makeUser(`Sender ${i}`)),
    );
    const other = await makeUser("Other reader");
    for (let i = 0; i < 3; i++) await send((senders[i] ?? reader).id, other.id, `hi ${i}`);
    for (let i = 0; i < 300; i++)
      await send((senders[i % 30] ?? reader).id, reader.id, `hello ${i}`);
    const few = await countAsync(() => loadInbox(other.id));
    const many = await countAsync(() => loadInbox(reader.id));
    expect(few.result.total).toBe(3);
    expect(many.result.total).toBe(300);
    expect(many.result.messages).toHaveLength(50);
    expect(few.count).toBe(2);
    expect(many.count).toBe(2);
  }, 120_000);

  it("is served by the partial index on unread messages", async () => {
    const { b } = await pair();
    const listPlan = await planOf(unreadQuery(b.id));
    expect(listPlan).toMatch(/messages_unread_idx/);
    // SQLite searches USING the index; PostgreSQL scans it (plain, index-only, backward
    // or bitmap, as the statistics of the moment make cheapest).
    if (getConnection().dialect === "sqlite") {
      expect(listPlan).toMatch(/USING INDEX messages_unread_idx/);
    } else {
      expect(listPlan).toMatch(/Index (Only )?Scan (Backward )?(using|on) messages_unread_idx/);
    }
    const countPlan = await planOf(unreadCountQuery(b.id).toSQL());
    expect(countPlan).toMatch(/messages_unread_idx/);
  });
});

describe("marking read", () => {
  it("sets read and read_at, reads the notification, and drops the count by one", async () => {
    const { a, b } = await pair();
    const one = await send(a.id, b.id, "one");
    await send(a.id, b.id, "two");
    expect(await unreadCounts(b.id)).toEqual({ inbox: 2, notifications: 2 });
    expect(expectOk(await markRead(b.id, { messageIds: [one.id] }))).toEqual({ changed: 1 });
    expect(await findMessage(one.id)).toMatchObject({ read: true });
    expect((await findMessage(one.id))?.readAt).toEqual(expect.any(Number));
    const notification = (await allRows("notifications")).find((n) => n.message_id === one.id);
    expect(bool(notification?.read)).toBe(true);
    expect(await unreadCounts(b.id)).toEqual({ inbox: 1, notifications: 1 });
  });

  it("refuses anyone but the receiver, and the message stays unread", async () => {
    const { a, b } = await pair();
    const c = await makeUser("Cleo");
    const message = await send(a.id, b.id, "for b");
    const mine = await send(c.id, c.id, "note");
    for (const userId of [a.id, c.id]) {
      expect(await markRead(userId, { messageIds: [message.id] })).toMatchObject({ ok: false });
      expect(await markUnread(userId, { messageId: message.id })).toMatchObject({ ok: false });
    }
    // A mixed batch changes nothing at all.
    expect(await markRead(c.id, { messageIds: [mine.id, message.id] })).toMatchObject({
      ok: false,
    });
    expect((await findMessage(message.id))?.read).toBe(false);
    expect(await markRead(b.id, { messageIds: [] })).toMatchObject({ ok: false, code: "invalid" });
    expect(await markRead(b.id, { messageIds: ["x"] })).toMatchObject({
      ok: false,
      code: "invalid",
    });
  });

  it("marks all read with one UPDATE and one batch event, and returns the count", async () => {
    const { a, b } = await pair();
    for (let i = 0; i < 4; i++) await send(a.id, b.id, `m${i}`);
    await send(b.id, a.id, "not b's to read");
    const batch = vi.fn();
    const single = vi.fn();
    connect("bulkUpdate", "messages", batch, { id: "test.batch" });
    connect("postSave", "messages", single, { id: "test.single" });
    const { result, statements } = await countAsync(() => markAllRead(b.id));
    expect(result).toEqual({ changed: 4 });
    expect(statements.filter((s) => /^update "messages"/i.test(s))).toHaveLength(1);
    expect(batch).toHaveBeenCalledTimes(1);
    expect(batch.mock.calls[0]?.[0].rows).toHaveLength(4);
    expect(single).not.toHaveBeenCalled();
    expect(await unreadCountFor(b.id)).toBe(0);
    expect((await unreadCounts(b.id)).notifications).toBe(0);
    expect(await unreadCountFor(a.id)).toBe(1);
  });

  it("brings a message back into the inbox when marked unread", async () => {
    const { a, b } = await pair();
    const message = await send(a.id, b.id, "again");
    await markAllRead(b.id);
    expect(await unreadFor(b.id)).toEqual([]);
    expectOk(await markUnread(b.id, { messageId: message.id }));
    expect((await unreadFor(b.id)).map((m) => m.id)).toEqual([message.id]);
    expect((await findMessage(message.id))?.readAt).toBeNull();
    expect((await unreadCounts(b.id)).notifications).toBe(1);
  });

  it("never lists a deleted message", async () => {
    const { a, b } = await pair();
    const message = await send(a.id, b.id, "gone");
    expectOk(await deleteMessage(a.id, { messageId: message.id }));
    expect(await unreadCountFor(b.id)).toBe(0);
  });
});

describe("the notifications centre", () => {
  it("opening a notification reads it and its message; mark all reads the rest", async () => {
    const { a, b } = await pair();
    const c = await makeUser("Cleo");
    const first = await send(a.id, b.id, "first");
    await send(a.id, b.id, "second");
    const [newest, oldest] = await listNotifications(b.id);
    expect(newest?.snippet).toBe("second");
    expect(await openNotification(c.id, { notificationId: oldest?.id })).toMatchObject({
      ok: false,
    });
    expectOk(await openNotification(b.id, { notificationId: oldest?.id }));
    expect((await findMessage(first.id))?.read).toBe(true);
    expect(await unreadCounts(b.id)).toEqual({ inbox: 1, notifications: 1 });
    expect(await markAllNotificationsRead(b.id)).toEqual({ changed: 1 });
    expect((await unreadCounts(b.id)).notifications).toBe(0);
  });
});
