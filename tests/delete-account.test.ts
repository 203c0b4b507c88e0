import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { atomic, insert, withoutReceivers } from "@/db/events";
import { rows } from "@/db/query";
import { countAsync } from "@/db/statement-counter";
import {
  accountSummary,
  deleteAccount,
  registerUser,
  verifyCredentials,
} from "@/lib/accounts/accounts";
import { signInWithSso } from "@/lib/accounts/sso";
import { deleteUser, setRole } from "@/lib/admin/moderation";
import { editMessage } from "@/lib/messaging/messages";
import { replyToMessage } from "@/lib/messaging/threads";
import {
  allRows,
  brokenForeignKeys,
  countWhere,
  expectOk,
  makeUser,
  NO_BROKEN_FOREIGN_KEYS,
  PASSWORD,
  send,
  store,
} from "./helpers";
import { storeReplyChain } from "./support/reply-chain";

const TABLES = ["users", "messages", "notifications", "message_history"] as const;

async function snapshot() {
  const entries = [];
  for (const table of TABLES) entries.push([table, await allRows(table)] as const);
  return Object.fromEntries(entries);
}

async function rowsMentioning(userId: number) {
  return {
    users: await countWhere("users", `id = ${userId}`),
    messages: await countWhere("messages", `sender_id = ${userId} or receiver_id = ${userId}`),
    notifications: await countWhere("notifications", `user_id = ${userId}`),
    history: await countWhere("message_history", `edited_by = ${userId}`),
  };
}

async function populatedWorld() {
  const ada = await makeUser("Ada");
  const bo = await makeUser("Bo");
  const cy = await makeUser("Cy");
  const di = await makeUser("Di");
  // Ada's conversations: with Bo (threads, edits both ways) and with Cy.
  const root = await send(ada.id, bo.id, "root from Ada");
  const reply = expectOk(
    await replyToMessage(bo.id, { parentMessageId: root.id, content: "Bo replies" }),
  );
  expectOk(await replyToMessage(ada.id, { parentMessageId: reply.id, content: "Ada again" }));
  expectOk(await editMessage(ada.id, { messageId: root.id, content: "root from Ada, edited" }));
  expectOk(await editMessage(bo.id, { messageId: reply.id, content: "Bo replies, edited" }));
  await send(cy.id, ada.id, "Cy to Ada");
  await send(ada.id, ada.id, "Ada's note");
  // Conversations without Ada must survive untouched.
  const unrelated = await send(cy.id, di.id, "Cy to Di");
  expectOk(await editMessage(cy.id, { messageId: unrelated.id, content: "Cy to Di, edited" }));
  expectOk(await replyToMessage(di.id, { parentMessageId: unrelated.id, content: "Di answers" }));
  await send(bo.id, cy.id, "Bo to Cy");
  return { ada, bo, cy, di };
}

describe("deleteAccount", () => {
  it("leaves none of the user's rows in any table, and no broken foreign key", async () => {
    const { ada } = await populatedWorld();
    expect(await accountSummary(ada.id)).toEqual({
      messages: 5,
      conversations: 3,
      notifications: 2,
      hasPassword: true,
    });
    expectOk(await deleteAccount(ada.id, { password: PASSWORD }));
    expect(await rowsMentioning(ada.id)).toEqual({
      users: 0,
      messages: 0,
      notifications: 0,
      history: 0,
    });
    expect(await brokenForeignKeys()).toEqual(NO_BROKEN_FOREIGN_KEYS);
  });

  it("keeps every row of unrelated users, row for row", async () => {
    const { ada, bo, cy, di } = await populatedWorld();
    const before = await snapshot();
    expectOk(await deleteAccount(ada.id, { password: PASSWORD }));
    const after = await snapshot();
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
      // One transaction for the setup: 10,000 commits would dominate the test.
      await withoutReceivers(["notifications.notify-receiver"], () =>
        atomic(async () => {
          for (let i = 0; i < count; i++) {
            await store({
              senderId: i % 2 ? user.id : peer.id,
              receiverId: i % 2 ? peer.id : user.id,
              content: `m${i}`,
              parentMessageId: null,
            });
          }
        }),
      );
      const { result, count: statements } = await countAsync(() =>
        deleteAccount(user.id, { password: PASSWORD }),
      );
      expectOk(result);
      return statements;
    };
    const small = await measure(10);
    const large = await measure(10_000);
    expect(large).toBe(small);
    // The user read to check the password, the row the delete finds, one DELETE per table
    // of theirs (histories, notifications, messages, sessions), in SQLite the UPDATE that
    // puts every reply right under its thread's root (lib/accounts/receivers.ts), and the
    // user's own DELETE; in rooms, the UPDATE that makes tombstones, the DELETE of the rest
    // and the DELETE of the memberships; the DELETE of its files' rows (lib/files) and of
    // the reactions they made.
    expect(small).toBeLessThanOrEqual(13);
    expect(await allRows("messages")).toEqual([]);
  }, 120_000);

  it("a raw DELETE FROM users leaves no orphan either, through the cascades", async () => {
    const { ada } = await populatedWorld();
    await atomic(() => rows(sql`delete from users where id = ${ada.id} returning id`));
    expect(await brokenForeignKeys()).toEqual(NO_BROKEN_FOREIGN_KEYS);
    expect((await rowsMentioning(ada.id)).messages).toBe(0);
  });

  it("refuses a wrong or missing password and deletes nothing", async () => {
    const { ada } = await populatedWorld();
    const before = await snapshot();
    const wrong = await deleteAccount(ada.id, { password: "not the password" });
    expect(wrong).toMatchObject({
      ok: false,
      error: "That password is not right. Nothing was deleted.",
    });
    expect(await deleteAccount(ada.id, {})).toMatchObject({ ok: false, code: "invalid" });
    expect(await deleteAccount(ada.id, { password: 12 })).toMatchObject({ ok: false });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a typed email that is not the account's, even with the right password", async () => {
    const { ada } = await populatedWorld();
    const before = await snapshot();
    expect(
      await deleteAccount(ada.id, { password: PASSWORD, confirmEmail: "someone@else.test" }),
    ).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { confirmEmail: [expect.any(String)] },
    });
    expect(await snapshot()).toEqual(before);
    expectOk(
      await deleteAccount(ada.id, {
        password: PASSWORD,
        confirmEmail: ` ${ada.email.toUpperCase()} `,
      }),
    );
  });

  it("deletes an account of single sign-on alone with its typed email, no password asked", async () => {
    await makeUser("First admin");
    const sso = await signInWithSso({
      sub: "sub-solo",
      email: "solo@sso.test",
      email_verified: true,
    });
    if (!sso.ok) throw new Error("no SSO account");
    const id = sso.user.id;
    expect(await accountSummary(id)).toMatchObject({ hasPassword: false });
    const before = await snapshot();
    expect(await deleteAccount(id, {})).toMatchObject({ ok: false, code: "invalid" });
    expect(await deleteAccount(id, { password: "" })).toMatchObject({ ok: false });
    expect(await deleteAccount(id, { confirmEmail: "other@sso.test" })).toMatchObject({
      ok: false,
    });
    expect(await snapshot()).toEqual(before);
    expectOk(await deleteAccount(id, { confirmEmail: "solo@sso.test" }));
    expect(await countWhere("users", `id = ${id}`)).toBe(0);
  });

  it("only ever deletes the signed-in user: another user's password does nothing", async () => {
    const ada = await makeUser("Ada");
    const bo = expectOk(
      await registerUser({ name: "Bo", email: "bo@cairo.test", password: "bo's own secret" }),
    );
    const before = await snapshot();
    expect(await deleteAccount(ada.id, { password: "bo's own secret" })).toMatchObject({
      ok: false,
    });
    expect(await snapshot()).toEqual(before);
    expect(bo.id).not.toBe(ada.id);
  });

  it("frees the email: old credentials fail and the address can register again", async () => {
    // The first account becomes the admin, and the last admin cannot leave: Eve comes second.
    await makeUser("First");
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
    await insert("messages", {
      senderId: again.id,
      receiverId: again.id,
      content: "fresh start",
      read: true,
    });
    expect(await accountSummary(again.id)).toEqual({
      messages: 1,
      conversations: 1,
      notifications: 0,
      hasPassword: true,
    });
  });

  describe("with a reply chain 5,000 messages deep", () => {
    const DEPTH = 5_000;

    async function chainWorld() {
      const ada = await makeUser("Ada");
      const bo = await makeUser("Bo");
      const kept = await send(bo.id, bo.id, "Bo's own note");
      const chain = await storeReplyChain(ada.id, bo.id, DEPTH);
      expect(await countWhere("messages", "parent_message_id is not null")).toBe(DEPTH - 1);
      // A reply and an edit through lib/ at the deep end: notifications and history too.
      const last = chain.at(-1) as number;
      const answer = expectOk(
        await replyToMessage(bo.id, { parentMessageId: last, content: "the very end" }),
      );
      expectOk(await editMessage(bo.id, { messageId: answer.id, content: "the end" }));
      return { ada, bo, kept, chain };
    }

    it("the user's own deletion removes the whole chain, atomically", async () => {
      const { ada, bo, kept } = await chainWorld();
      expectOk(await deleteAccount(ada.id, { password: PASSWORD }));
      expect(await rowsMentioning(ada.id)).toEqual({
        users: 0,
        messages: 0,
        notifications: 0,
        history: 0,
      });
      expect((await allRows("messages")).map((m) => m.id)).toEqual([kept.id]);
      expect((await allRows("users")).map((u) => u.id)).toEqual([bo.id]);
      expect(await brokenForeignKeys()).toEqual(NO_BROKEN_FOREIGN_KEYS);
    });

    it("the admin console's deletion removes it too", async () => {
      const admin = await makeUser("Admin");
      expectOk(await setRole({ kind: "command-line" }, { userId: admin.id }, "admin"));
      const { ada, bo, kept } = await chainWorld();
      expectOk(await deleteUser({ kind: "admin", id: admin.id }, { userId: bo.id }));
      expect(await countWhere("messages", `sender_id = ${bo.id} or receiver_id = ${bo.id}`)).toBe(
        0,
      );
      expect((await allRows("messages")).map((m) => m.id)).toEqual([]);
      expect((await allRows("users")).map((u) => u.id).sort()).toEqual([admin.id, ada.id].sort());
      expect(kept.senderId).toBe(bo.id);
      expect(await brokenForeignKeys()).toEqual(NO_BROKEN_FOREIGN_KEYS);
    });
  });
});
