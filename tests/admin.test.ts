import { describe, expect, it } from "vitest";
import { connect } from "@/db/events";
import { countAsync } from "@/db/statement-counter";
import {
  deleteAccount,
  findSessionUser,
  registerUser,
  verifyCredentials,
} from "@/lib/accounts/accounts";
import { startSession } from "@/lib/accounts/sessions";
import { runAdminCommand } from "@/lib/admin/command";
import { listUsers, messagesPerDay, overview, recentAuditEntries } from "@/lib/admin/console";
import {
  type Actor,
  deactivateUser,
  deleteUser,
  reactivateUser,
  setRole,
} from "@/lib/admin/moderation";
import { liveEventStream } from "@/lib/live/stream";
import { conversationFor } from "@/lib/messaging/cached-views";
import { listColleagues } from "@/lib/messaging/conversations";
import { sendMessage } from "@/lib/messaging/messages";
import { replyToMessage } from "@/lib/messaging/threads";
import { allRows, countWhere, expectOk, makeUser, PASSWORD, send } from "./helpers";

const adminOf = (user: { id: number }): Actor => ({ kind: "admin", id: user.id });

async function makeAdmin(name = "Admin") {
  const user = await makeUser(name);
  expectOk(await setRole({ kind: "command-line" }, { userId: user.id }, "admin"));
  return user;
}

async function roleOf(id: number) {
  const [row] = (await allRows("users")).filter((user) => user.id === id);
  return row?.role;
}

/** Everything the admin rules could change, to compare before and after a refusal. */
async function snapshot() {
  return {
    users: await allRows("users"),
    sessions: await allRows("sessions"),
    messages: await allRows("messages"),
    audit: await countWhere("audit_log" as "users"),
  };
}

describe("roles", () => {
  it("the first account ever registered becomes admin, the next ones members", async () => {
    const first = expectOk(
      await registerUser({ name: "Ada", email: "ada@cairo.test", password: "long enough" }),
    );
    const second = expectOk(
      await registerUser({ name: "Bo", email: "bo@cairo.test", password: "long enough" }),
    );
    expect(await roleOf(first.id)).toBe("admin");
    expect(await roleOf(second.id)).toBe("member");
  });

  it("concurrent first registrations make exactly one admin", async () => {
    // Widens the race: each registration pauses between deciding its role and inserting.
    connect("preSave", "users", () => new Promise((resolve) => setTimeout(resolve, 500)), {
      id: "test.slow-user-insert",
    });
    const results = await Promise.all(
      ["a", "b", "c", "d", "e"].map((n) =>
        registerUser({ name: `User ${n}`, email: `${n}@cairo.test`, password: "long enough" }),
      ),
    );
    for (const result of results) expectOk(result);
    expect(await countWhere("users", "role = 'admin'")).toBe(1);
    expect(await countWhere("users", "role = 'member'")).toBe(4);
  });

  it("the last admin cannot be revoked, deactivated or deleted, nor leave by themselves", async () => {
    const ada = await makeAdmin("Ada");
    const before = await snapshot();
    for (const refused of [
      await setRole(adminOf(ada), { userId: ada.id }, "member"),
      await setRole({ kind: "command-line" }, { userId: ada.id }, "member"),
      await deactivateUser(adminOf(ada), { userId: ada.id }),
      await deleteUser(adminOf(ada), { userId: ada.id }),
      await deleteAccount(ada.id, { password: PASSWORD }),
    ]) {
      expect(refused).toMatchObject({ ok: false, code: "conflict" });
      if (!refused.ok) expect(refused.error).toContain("last admin");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("with another admin left, an admin can be revoked, and can remove their own role", async () => {
    const ada = await makeAdmin("Ada");
    const bo = await makeAdmin("Bo");
    expectOk(await setRole(adminOf(ada), { userId: ada.id }, "member"));
    expect(await roleOf(ada.id)).toBe("member");
    // Bo is the last one now.
    expect(await setRole(adminOf(bo), { userId: bo.id }, "member")).toMatchObject({ ok: false });
    expectOk(await setRole(adminOf(bo), { userId: ada.id }, "admin"));
    expect(await roleOf(ada.id)).toBe("admin");
  });

  it("a deactivated admin does not count: the last active admin stays", async () => {
    const ada = await makeAdmin("Ada");
    const bo = await makeAdmin("Bo");
    expectOk(await deactivateUser(adminOf(ada), { userId: bo.id }));
    expect(await deactivateUser(adminOf(ada), { userId: ada.id })).toMatchObject({ ok: false });
  });

  it("two admins revoking each other at once leave one admin", async () => {
    const ada = await makeAdmin("Ada");
    const bo = await makeAdmin("Bo");
    const [a, b] = await Promise.all([
      setRole(adminOf(ada), { userId: bo.id }, "member"),
      setRole(adminOf(bo), { userId: ada.id }, "member"),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect(await countWhere("users", "role = 'admin'")).toBe(1);
  });

  it("members cannot run admin actions: refused, nothing changed", async () => {
    await makeAdmin("Ada");
    const member = await makeUser("Mallory");
    const bo = await makeUser("Bo");
    await startSession(bo.id);
    const before = await snapshot();
    for (const refused of [
      await deactivateUser(adminOf(member), { userId: bo.id }),
      await reactivateUser(adminOf(member), { userId: bo.id }),
      await deleteUser(adminOf(member), { userId: bo.id }),
      await setRole(adminOf(member), { userId: member.id }, "admin"),
      await setRole(adminOf(member), { userId: bo.id }, "admin"),
    ]) {
      expect(refused).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses bad input with a clear error and writes nothing", async () => {
    const ada = await makeAdmin("Ada");
    const before = await snapshot();
    for (const input of [{}, { userId: "abc" }, { userId: -1 }, { userId: 99_999 }, null]) {
      const result = await deactivateUser(adminOf(ada), input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(["invalid", "not_found"]).toContain(result.code);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe("npm run admin -- grant|revoke EMAIL", () => {
  it("grants and revokes by email, audited as the command line", async () => {
    const ada = await makeAdmin("Ada");
    const bo = await makeUser("Bo");
    const granted = await runAdminCommand(["grant", bo.email.toUpperCase()]);
    expect(granted).toEqual({ code: 0, message: `Bo <${bo.email}> is now an admin.` });
    expect(await roleOf(bo.id)).toBe("admin");
    const revoked = await runAdminCommand(["revoke", ada.email]);
    expect(revoked.code).toBe(0);
    expect(await roleOf(ada.id)).toBe("member");
    const [latest] = await recentAuditEntries();
    expect(latest).toMatchObject({
      actorId: null,
      actorName: "Command line",
      action: "revoke_admin",
      targetId: ada.id,
    });
  });

  it("says clearly when the email is unknown, and exits non-zero", async () => {
    const outcome = await runAdminCommand(["grant", "nobody@cairo.test"]);
    expect(outcome.code).toBe(1);
    expect(outcome.message).toBe("No account has the email nobody@cairo.test. Nothing changed.");
  });

  it("refuses to revoke the last admin", async () => {
    const ada = await makeAdmin("Ada");
    const outcome = await runAdminCommand(["revoke", ada.email]);
    expect(outcome.code).toBe(1);
    expect(outcome.message).toContain("last admin");
    expect(await roleOf(ada.id)).toBe("admin");
  });

  it("explains its usage when misused", async () => {
    for (const args of [[], ["grant"], ["promote", "a@b.test"], ["grant", "not an email"]]) {
      const outcome = await runAdminCommand(args);
      expect(outcome.code).toBe(2);
      expect(outcome.message).toContain("Usage: npm run admin -- grant EMAIL | revoke EMAIL");
    }
  });
});

describe("deactivation", () => {
  it("refuses sign-in, ends every session and stream at once, and refuses new messages", async () => {
    const admin = await makeAdmin("Admin");
    const bo = await makeUser("Bo");
    const cy = await makeUser("Cy");
    const root = await send(cy.id, bo.id, "before");
    const sessions = [await startSession(bo.id), await startSession(bo.id)];
    const stream = liveEventStream(
      { userId: bo.id, sessionId: sessions[0] as string },
      null,
      new AbortController().signal,
    ).getReader();

    expectOk(await deactivateUser(adminOf(admin), { userId: bo.id }));

    const decoder = new TextDecoder();
    let text = "";
    for (;;) {
      const { value, done } = await stream.read();
      if (done) break;
      text += decoder.decode(value);
    }
    expect(text).toContain('event: signed-out\ndata: {"reason":"account-deactivated"}');
    expect(await countWhere("sessions", `user_id = ${bo.id}`)).toBe(0);
    for (const id of sessions) expect(await findSessionUser(bo.id, id)).toBeUndefined();
    expect(await verifyCredentials({ email: bo.email, password: PASSWORD }, "t1")).toEqual({
      ok: false,
      reason: "deactivated",
    });
    // A wrong password still says only that: deactivation is told to the owner alone.
    expect(await verifyCredentials({ email: bo.email, password: "wrong one" }, "t1")).toEqual({
      ok: false,
      reason: "invalid",
    });

    const sent = await sendMessage(cy.id, { receiverId: bo.id, content: "hello?" });
    expect(sent).toMatchObject({ ok: false, code: "forbidden" });
    if (!sent.ok) expect(sent.error).toBe("Bo has been deactivated and cannot receive messages.");
    const replied = await replyToMessage(cy.id, { parentMessageId: root.id, content: "re" });
    expect(replied).toMatchObject({ ok: false, code: "forbidden" });
    expect(await countWhere("messages")).toBe(1);

    // The conversation stays for Cy, marked.
    const conversation = await conversationFor(cy.id, bo.id);
    expect(conversation.other).toEqual({ id: bo.id, name: "Bo", deactivated: true });
    expect(conversation.messages.map((m) => m.content)).toEqual(["before"]);
    const listed = (await listColleagues(cy.id)).find((c) => c.id === bo.id);
    expect(listed?.deactivated).toBe(true);
  });

  it("reactivation restores sign-in and messaging", async () => {
    const admin = await makeAdmin("Admin");
    const bo = await makeUser("Bo");
    const cy = await makeUser("Cy");
    expectOk(await deactivateUser(adminOf(admin), { userId: bo.id }));
    expectOk(await reactivateUser(adminOf(admin), { userId: bo.id }));
    const signedIn = await verifyCredentials({ email: bo.email, password: PASSWORD }, "t2");
    expect(signedIn.ok).toBe(true);
    expectOk(await sendMessage(cy.id, { receiverId: bo.id, content: "welcome back" }));
    expect((await conversationFor(cy.id, bo.id)).other.deactivated).toBe(false);
    const actions = (await recentAuditEntries()).map((entry) => entry.action);
    expect(actions).toEqual(["reactivate", "deactivate", "grant_admin"]);
  });
});

describe("deleting an account from the console", () => {
  it("runs the user's own deletion, and the audit entry outlives target and actor", async () => {
    const ada = await makeAdmin("Ada");
    const root = await makeAdmin("Root");
    const bo = await makeUser("Bo");
    const cy = await makeUser("Cy");
    await send(bo.id, cy.id, "from bo");
    await send(cy.id, bo.id, "to bo");
    await send(cy.id, ada.id, "unrelated");
    await startSession(bo.id);

    expectOk(await deleteUser(adminOf(ada), { userId: bo.id }));
    expect(await countWhere("users", `id = ${bo.id}`)).toBe(0);
    expect(await countWhere("messages")).toBe(1);
    expect(await countWhere("notifications", `user_id = ${bo.id}`)).toBe(0);
    expect(await countWhere("sessions", `user_id = ${bo.id}`)).toBe(0);

    expectOk(await deleteUser(adminOf(root), { userId: ada.id }));
    const entries = await recentAuditEntries();
    expect(entries[1]).toMatchObject({
      action: "delete",
      actorId: ada.id,
      actorName: "Ada",
      actorEmail: ada.email,
      targetId: bo.id,
      targetName: "Bo",
      targetEmail: bo.email,
    });
    expect(entries[0]).toMatchObject({ action: "delete", actorName: "Root", targetName: "Ada" });
  });

  it("a refused deletion leaves no audit entry", async () => {
    const ada = await makeAdmin("Ada");
    expect(await deleteUser(adminOf(ada), { userId: ada.id })).toMatchObject({ ok: false });
    expect(await recentAuditEntries()).toHaveLength(1);
  });
});

describe("the console's reads", () => {
  it("cost one statement each, whatever the number of users, and show no content", async () => {
    const admin = await makeAdmin("Admin");
    const people: Awaited<ReturnType<typeof makeUser>>[] = [];
    for (let i = 0; i < 6; i++) people.push(await makeUser(`Person ${i}`));
    for (const [i, person] of people.entries()) {
      for (let j = 0; j <= i; j++) await send(person.id, admin.id, `secret ${i}.${j}`);
    }
    await startSession(people[0]?.id ?? 0);
    expectOk(await deactivateUser(adminOf(admin), { userId: people[1]?.id }));

    const users = await countAsync(() => listUsers({}));
    expect(users.count).toBe(1);
    expect(users.result.total).toBe(7);
    const row = users.result.users.find((u) => u.id === people[5]?.id);
    expect(row).toMatchObject({ messagesSent: 6, role: "member", deactivatedAt: null });
    expect(row?.lastActiveAt).toBeGreaterThan(0);
    expect(users.result.users.find((u) => u.id === people[1]?.id)?.deactivatedAt).toBeGreaterThan(
      0,
    );
    expect(JSON.stringify(users.result)).not.toContain("secret");

    const stats = await countAsync(() => overview());
    expect(stats.count).toBe(1);
    expect(stats.result).toMatchObject({ users: 7, deactivated: 1, activeDay: 6, activeWeek: 6 });
    expect(stats.result.databaseBytes).toBeGreaterThan(0);

    const chart = await countAsync(() => messagesPerDay());
    expect(chart.count).toBe(1);
    expect(chart.result).toHaveLength(30);
    expect(chart.result.at(-1)?.messages).toBe(21);

    const audit = await countAsync(() => recentAuditEntries());
    expect(audit.count).toBe(1);
  });

  it("searches by name or email, literally, and pages", async () => {
    await makeUser("Zed 100%");
    await makeUser("Yan");
    expect((await listUsers({ q: "zed" })).users.map((u) => u.name)).toEqual(["Zed 100%"]);
    expect((await listUsers({ q: "100%" })).users.map((u) => u.name)).toEqual(["Zed 100%"]);
    expect((await listUsers({ q: "%" })).users).toHaveLength(1);
    expect((await listUsers({ q: "yan." })).users.map((u) => u.name)).toEqual(["Yan"]);
    expect((await listUsers({ q: "_" })).users).toHaveLength(0);
    for (let i = 0; i < 30; i++) await makeUser(`Filler ${i}`);
    const second = await listUsers({ page: 2 });
    expect(second).toMatchObject({ total: 32, pageCount: 2, page: 2 });
    expect(second.users).toHaveLength(7);
  });
});
