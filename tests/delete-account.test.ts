import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { insert, withoutReceivers } from "@/db/events";
import { countAsync } from "@/db/statement-counter";
import { accountSummary, deleteAccount, registerUser, verifyCredentials } from "@/lib/accounts";
import { editMessage, storeMessage } from "@/lib/messages";
import { replyToMessage } from "@/lib/threads";
import { allRows, expectOk, makeUser, PASSWORD, send } from "./helpers";

const TABLES = ["users", "messages", "notifications", "message_history"] as const;

function snapshot() {
  return Object.fromEntries(TABLES.map((table) => [table, allRows(table)]));
}

function rowsMentioning(userId: number) {
  const db = getDb();
  return {
    users: db.$client.prepare("select count(*) c from users where id = ?").get(userId),
    messages: db.$client
      .prepare("select count(*) c from messages where sender_id = @id or receiver_id = @id")
      .get({ id: userId }),
    notifications: db.$client
      .prepare("select count(*) c from notifications where user_id = ?")
      .get(userId),
    history: db.$client
      .prepare("select count(*) c from message_history where edited_by = ?")
      .get(userId),
  };
}

function orphans() {
  return getDb()
    .$client.prepare(`select
      (select count(*) from messages where sender_id not in (select id from users)
         or receiver_id not in (select id from users)
         or (parent_message_id is not null and parent_message_id not in (select id from messages))) as messages,
      (select count(*) from notifications where message_id not in (select id from messages)
         or user_id not in (select id from users)) as notifications,
      (select count(*) from message_history where message_id not in (select id from messages)
         or edited_by not in (select id from users)) as history`)
    .get();
}

async function populatedWorld() {
  const ada = await makeUser("Ada");
  const bo = await makeUser("Bo");
  const cy = await makeUser("Cy");
  const di = await makeUser("Di");
  // Ada's conversations: with Bo (threads, edits both ways) and with Cy.
  const root = send(ada.id, bo.id, "root from Ada");
  const reply = expectOk(
    replyToMessage(bo.id, { parentMessageId: root.id, content: "Bo replies" }),
  );
  expectOk(replyToMessage(ada.id, { parentMessageId: reply.id, content: "Ada again" }));
  expectOk(editMessage(ada.id, { messageId: root.id, content: "root from Ada, edited" }));
  expectOk(editMessage(bo.id, { messageId: reply.id, content: "Bo replies, edited" }));
  send(cy.id, ada.id, "Cy to Ada");
  send(ada.id, ada.id, "Ada's note");
  // Conversations without Ada must survive untouched.
  const unrelated = send(cy.id, di.id, "Cy to Di");
  expectOk(editMessage(cy.id, { messageId: unrelated.id, content: "Cy to Di, edited" }));
  expectOk(replyToMessage(di.id, { parentMessageId: unrelated.id, content: "Di answers" }));
  send(bo.id, cy.id, "Bo to Cy");
  return { ada, bo, cy, di };
}

describe("deleteAccount", () => {
  it("leaves none of the user's rows in any table, and no broken foreign key", async () => {
    const { ada } = await populatedWorld();
    expect(accountSummary(ada.id)).toEqual({ messages: 5, conversations: 3, notifications: 2 });
    expectOk(await deleteAccount(ada.id, { password: PASSWORD }));
    expect(rowsMentioning(ada.id)).toEqual({
      users: { c: 0 },
      messages: { c: 0 },
      notifications: { c: 0 },
      history: { c: 0 },
    });
    expect(orphans()).toEqual({ messages: 0, notifications: 0, history: 0 });
    expect(getDb().$client.pragma("foreign_key_check")).toEqual([]);
  });

  it("keeps every row of unrelated users, row for row", async () => {
    const { ada, bo, cy, di } = await populatedWorld();
    const before = snapshot();
    expectOk(await deleteAccount(ada.id, { password: PASSWORD }));
    const after = snapshot();
    const mentionsAda = (row: Record<string, unknown>) =>
      [row.sender_id, row.receiver_id, row.user_id, row.edited_by, row.id].includes(ada.id);
    const adaMessages = new Set(
      before.messages
        ?.filter((m) => m.sender_id === ada.id || m.receiver_id === ada.id)
        .map((m) => m.id),
    );
    const survivors = (table: (typeof TABLES)[number]) =>
      before[table]?.filter((row) => {
        if (table === "users") return row.id !== ada.id;
        if (table === "messages") return !adaMessages.has(row.id);
        return !mentionsAda(row) && !adaMessages.has(row.message_id);
      });
    for (const table of TABLES) expect(after[table]).toEqual(survivors(table));
    expect(after.users?.map((u) => u.id)).toEqual([bo.id, cy.id, di.id]);
    expect(after.messages?.length).toBe(3);
    expect(after.message_history?.length).toBe(1);
  });

  it("deletes 10,000 messages with the same number of statements as 10", async () => {
    const measure = async (count: number) => {
      const user = await makeUser("Prolific");
      const peer = await makeUser("Peer");
      withoutReceivers(["notifications.notify-receiver"], () => {
        for (let i = 0; i < count; i++) {
          storeMessage({
            senderId: i % 2 ? user.id : peer.id,
            receiverId: i % 2 ? peer.id : user.id,
            content: `m${i}`,
            parentMessageId: null,
          });
        }
      });
      const { result, count: statements } = await countAsync(() =>
        deleteAccount(user.id, { password: PASSWORD }),
      );
      expectOk(result);
      return statements;
    };
    const small = await measure(10);
    const large = await measure(10_000);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(6);
    expect(allRows("messages")).toEqual([]);
  });

  it("a raw DELETE FROM users leaves no orphan either, through the cascades", async () => {
    const { ada } = await populatedWorld();
    getDb().$client.prepare("delete from users where id = ?").run(ada.id);
    expect(orphans()).toEqual({ messages: 0, notifications: 0, history: 0 });
    expect(getDb().$client.pragma("foreign_key_check")).toEqual([]);
    expect(rowsMentioning(ada.id).messages).toEqual({ c: 0 });
  });

  it("refuses a wrong or missing password and deletes nothing", async () => {
    const { ada } = await populatedWorld();
    const before = snapshot();
    const wrong = await deleteAccount(ada.id, { password: "not the password" });
    expect(wrong).toMatchObject({
      ok: false,
      error: "That password is not right. Nothing was deleted.",
    });
    expect(await deleteAccount(ada.id, {})).toMatchObject({ ok: false, code: "invalid" });
    expect(await deleteAccount(ada.id, { password: 12 })).toMatchObject({ ok: false });
    expect(snapshot()).toEqual(before);
  });

  it("only ever deletes the signed-in user: another user's password does nothing", async () => {
    const ada = await makeUser("Ada");
    const bo = expectOk(
      await registerUser({ name: "Bo", email: "bo@cairo.test", password: "bo's own secret" }),
    );
    const before = snapshot();
    expect(await deleteAccount(ada.id, { password: "bo's own secret" })).toMatchObject({
      ok: false,
    });
    expect(snapshot()).toEqual(before);
    expect(bo.id).not.toBe(ada.id);
  });

  it("frees the email: old credentials fail and the address can register again", async () => {
    const created = expectOk(
      await registerUser({ name: "Eve", email: "eve@cairo.test", password: "eve's password" }),
    );
    expectOk(await deleteAccount(created.id, { password: "eve's password" }));
    expect(
      await verifyCredentials({ email: "eve@cairo.test", password: "eve's password" }, "t"),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
    const again = expectOk(
      await registerUser({ name: "Eve", email: "eve@cairo.test", password: "a new password" }),
    );
    expect(again.id).not.toBe(created.id);
    insert("messages", {
      senderId: again.id,
      receiverId: again.id,
      content: "fresh start",
      read: true,
    });
    expect(accountSummary(again.id)).toEqual({ messages: 1, conversations: 1, notifications: 0 });
  });
});
