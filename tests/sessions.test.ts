import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, rows } from "@/db/query";
import { auditLog, sessions, users } from "@/db/schema";
import { countAsync } from "@/db/statement-counter";
import { changePassword, deleteAccount, findSessionUser } from "@/lib/accounts/accounts";
import { verifyPassword } from "@/lib/accounts/passwords";
import {
  endAllSessions,
  endSession,
  endSessionByHandle,
  listSessions,
  startSession,
} from "@/lib/accounts/sessions";
import { createInProcessBus, liveBus } from "@/lib/live/bus";
import { liveEventStream } from "@/lib/live/stream";
import { countWhere, expectOk, makeUser, PASSWORD } from "./helpers";

/** The stream's chunks as text. */
function textOf(stream: ReadableStream<Uint8Array>) {
  const decoder = new TextDecoder();
  return stream
    .pipeThrough(
      new TransformStream<Uint8Array, string>({
        transform: (chunk, out) => out.enqueue(decoder.decode(chunk, { stream: true })),
      }),
    )
    .getReader();
}

describe("server-side sessions", () => {
  it("a session signs its user in until it ends", async () => {
    const ada = await makeUser("Ada");
    const session = await startSession(ada.id);
    expect(await findSessionUser(ada.id, session)).toMatchObject({
      id: ada.id,
      sessionId: session,
    });
    await endSession(ada.id, session);
    expect(await findSessionUser(ada.id, session)).toBeUndefined();
  });

  it("a session id works for its own user only", async () => {
    const [ada, bo] = [await makeUser("Ada"), await makeUser("Bo")];
    const session = await startSession(ada.id);
    expect(await findSessionUser(bo.id, session)).toBeUndefined();
    await endSession(bo.id, session);
    expect(await findSessionUser(ada.id, session)).toBeDefined();
  });

  it("signing out everywhere ends every session of the user and no one else's", async () => {
    const [ada, bo] = [await makeUser("Ada"), await makeUser("Bo")];
    const mine = [await startSession(ada.id), await startSession(ada.id)];
    const theirs = await startSession(bo.id);
    expect(await endAllSessions(ada.id)).toEqual({ ended: 2, idToken: null });
    for (const id of mine) expect(await findSessionUser(ada.id, id)).toBeUndefined();
    expect(await findSessionUser(bo.id, theirs)).toBeDefined();
  });

  it("a password change keeps this session and ends the others", async () => {
    const ada = await makeUser("Ada");
    const here = await startSession(ada.id);
    const elsewhere = await startSession(ada.id);
    const user = { id: ada.id, name: ada.name, email: ada.email, sessionId: here };
    const changed = expectOk(
      await changePassword(user, { currentPassword: PASSWORD, newPassword: "a brand new secret" }),
    );
    expect(changed).toEqual({ endedSessions: 1 });
    expect(await findSessionUser(ada.id, here)).toBeDefined();
    expect(await findSessionUser(ada.id, elsewhere)).toBeUndefined();
    const [row] = await db().select().from(users).where(eq(users.id, ada.id));
    expect(await verifyPassword("a brand new secret", row?.passwordHash ?? "")).toBe(true);
  });

  it("a wrong current password changes nothing", async () => {
    const ada = await makeUser("Ada");
    const here = await startSession(ada.id);
    const elsewhere = await startSession(ada.id);
    const user = { id: ada.id, name: ada.name, email: ada.email, sessionId: here };
    const refused = await changePassword(user, {
      currentPassword: "not it at all",
      newPassword: "a brand new secret",
    });
    expect(refused).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: expect.any(Array) },
    });
    expect(await findSessionUser(ada.id, elsewhere)).toBeDefined();
  });

  it("deleting the account ends its sessions", async () => {
    const ada = await makeUser("Ada");
    await startSession(ada.id);
    expectOk(await deleteAccount(ada.id, { password: PASSWORD }));
    expect(await countWhere("sessions")).toBe(0);
  });

  it("an ended session's event stream is told and closes; other sessions' stay open", async () => {
    const ada = await makeUser("Ada");
    const ending = await startSession(ada.id);
    const staying = await startSession(ada.id);
    const bus = liveBus();
    const read = (sessionId: string) =>
      textOf(
        liveEventStream({ userId: ada.id, sessionId }, null, new AbortController().signal, { bus }),
      );
    const endingReader = read(ending);
    const stayingReader = read(staying);
    await endSession(ada.id, ending);
    let text = "";
    for (;;) {
      const { value, done } = await endingReader.read();
      if (done) break;
      text += value;
    }
    expect(text).toContain("event: signed-out");
    expect(text).not.toContain(staying);
    await bus.publish(ada.id, { type: "message.created", messageIds: [1] });
    let staid = "";
    while (!staid.includes("message.created")) staid += (await stayingReader.read()).value ?? "";
    expect(staid).not.toContain("signed-out");
    await stayingReader.cancel();
  });

  it("tells the stream why its session ended: signed out, or the account deleted", async () => {
    const ada = await makeUser("Ada");
    const session = await startSession(ada.id);
    const reader = textOf(
      liveEventStream({ userId: ada.id, sessionId: session }, null, new AbortController().signal),
    );
    expectOk(await deleteAccount(ada.id, { password: PASSWORD }));
    let text = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    expect(text).toContain('event: signed-out\ndata: {"reason":"account-deleted"}');
  });

  it("the session.ended event names sessions only to the server, never to browsers", async () => {
    const bus = createInProcessBus();
    const reader = textOf(
      liveEventStream({ userId: 7, sessionId: "s2" }, null, new AbortController().signal, { bus }),
    );
    await bus.publish(7, { type: "session.ended", messageIds: [], sessionIds: ["s1"] });
    await bus.publish(7, { type: "message.created", messageIds: [5] });
    let text = "";
    while (!text.includes("message.created")) text += (await reader.read()).value ?? "";
    expect(text).not.toContain("s1");
    expect(text).not.toContain("session.ended");
    expect(text).not.toContain("signed-out");
    await reader.cancel();
  });
});

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Moves a session's clock: when it began and when it was last seen. */
async function age(
  sessionId: string,
  { created, lastSeen }: { created?: number; lastSeen?: number },
) {
  await db()
    .update(sessions)
    .set({
      ...(created === undefined ? {} : { createdAt: Date.now() - created }),
      ...(lastSeen === undefined ? {} : { lastSeenAt: Date.now() - lastSeen }),
    })
    .where(eq(sessions.id, sessionId));
}

async function lastSeenOf(sessionId: string): Promise<number> {
  const [row] = await rows<{ t: number | string }>(
    sql`select last_seen_at as t from sessions where id = ${sessionId}`,
  );
  return Number(row?.t);
}

describe("sessions that age", () => {
  it("a session idle for longer than the idle timeout (30 days) no longer signs in", async () => {
    const ada = await makeUser("Ada");
    const idle = await startSession(ada.id);
    const active = await startSession(ada.id);
    await age(idle, { lastSeen: 31 * DAY });
    await age(active, { lastSeen: 29 * DAY });
    expect(await findSessionUser(ada.id, idle)).toBeUndefined();
    expect(await findSessionUser(ada.id, active)).toBeDefined();
  });

  it("a session older than the absolute lifetime (90 days) ends however active it is", async () => {
    const ada = await makeUser("Ada");
    const old = await startSession(ada.id);
    const younger = await startSession(ada.id);
    await age(old, { created: 91 * DAY, lastSeen: MINUTE });
    await age(younger, { created: 89 * DAY, lastSeen: MINUTE });
    expect(await findSessionUser(ada.id, old)).toBeUndefined();
    expect(await findSessionUser(ada.id, younger)).toBeDefined();
  });

  it("a user has at most 20 sessions: signing in once more ends the oldest", async () => {
    const ada = await makeUser("Ada");
    const bo = await makeUser("Bo");
    const theirs = await startSession(bo.id);
    const started: string[] = [];
    for (let i = 0; i < 20; i++) {
      started.push(await startSession(ada.id));
      await age(started[i] as string, { created: (30 - i) * MINUTE });
    }
    const newest = await startSession(ada.id);
    expect(await countWhere("sessions", `user_id = ${ada.id}`)).toBe(20);
    expect(await findSessionUser(ada.id, started[0] as string)).toBeUndefined();
    expect(await findSessionUser(ada.id, started[1] as string)).toBeDefined();
    expect(await findSessionUser(ada.id, newest)).toBeDefined();
    expect(await findSessionUser(bo.id, theirs)).toBeDefined();
  });

  it("signing in removes the user's sessions that have aged out", async () => {
    const ada = await makeUser("Ada");
    const idle = await startSession(ada.id);
    await age(idle, { lastSeen: 40 * DAY });
    await startSession(ada.id);
    expect(await countWhere("sessions", `user_id = ${ada.id}`)).toBe(1);
  });

  it("last seen is written at most every 5 minutes: a request within that costs no write", async () => {
    const ada = await makeUser("Ada");
    const session = await startSession(ada.id);
    const fresh = await countAsync(() => findSessionUser(ada.id, session));
    expect(fresh.result).toBeDefined();
    expect(fresh.count).toBe(1);
    expect(fresh.statements.join("\n")).not.toMatch(/^\s*update/im);

    await age(session, { lastSeen: 4 * MINUTE });
    const before = await lastSeenOf(session);
    const within = await countAsync(() => findSessionUser(ada.id, session));
    expect(within.count).toBe(1);
    expect(await lastSeenOf(session)).toBe(before);

    await age(session, { lastSeen: 6 * MINUTE });
    const stale = await lastSeenOf(session);
    const due = await countAsync(() => findSessionUser(ada.id, session));
    expect(due.result).toBeDefined();
    expect(due.count).toBe(2);
    expect(await lastSeenOf(session)).toBeGreaterThan(stale + 5 * MINUTE);

    const next = await countAsync(() => findSessionUser(ada.id, session));
    expect(next.count).toBe(1);
  });

  it("lists the user's own sessions with device and last seen, the current one marked", async () => {
    const ada = await makeUser("Ada");
    const bo = await makeUser("Bo");
    const firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    const iphone =
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    const here = await startSession(ada.id, { userAgent: firefox });
    const phone = await startSession(ada.id, { userAgent: iphone });
    await startSession(bo.id, { userAgent: firefox });
    const listed = await listSessions(ada.id, here);
    expect(listed).toHaveLength(2);
    expect(listed.find((entry) => entry.current)?.device).toBe("Firefox on Linux");
    expect(listed.find((entry) => !entry.current)?.device).toBe("Safari on iPhone");
    for (const entry of listed) {
      expect(typeof entry.lastSeenAt).toBe("number");
      expect(JSON.stringify(entry)).not.toContain(here);
      expect(JSON.stringify(entry)).not.toContain(phone);
    }
  });

  it("ends one listed session of the user's own, and none of anyone else's", async () => {
    const ada = await makeUser("Ada");
    const bo = await makeUser("Bo");
    const here = await startSession(ada.id);
    const lost = await startSession(ada.id);
    const theirs = await startSession(bo.id);
    const [bosEntry] = await listSessions(bo.id, theirs);
    expect(await endSessionByHandle(ada.id, bosEntry?.handle ?? "")).toBe(false);
    expect(await findSessionUser(bo.id, theirs)).toBeDefined();
    const other = (await listSessions(ada.id, here)).find((entry) => !entry.current);
    expect(await endSessionByHandle(ada.id, other?.handle ?? "")).toBe(true);
    expect(await findSessionUser(ada.id, lost)).toBeUndefined();
    expect(await findSessionUser(ada.id, here)).toBeDefined();
    expect(await listSessions(ada.id, here)).toHaveLength(1);
  });

  it("does not list sessions that have aged out", async () => {
    const ada = await makeUser("Ada");
    const here = await startSession(ada.id);
    const idle = await startSession(ada.id);
    await age(idle, { lastSeen: 31 * DAY });
    expect(await listSessions(ada.id, here)).toHaveLength(1);
  });
});

describe("wrong current passwords once signed in", () => {
  it("are limited like failed sign-ins on 'Change password', and audited", async () => {
    const ada = await makeUser("Ada");
    const here = await startSession(ada.id);
    const user = { id: ada.id, name: ada.name, email: ada.email, sessionId: here };
    for (let i = 0; i < 5; i++) {
      const refused = await changePassword(
        user,
        { currentPassword: `wrong ${i}`, newPassword: "a brand new secret" },
        "192.0.2.1",
      );
      expect(refused).toMatchObject({ ok: false, code: "invalid" });
    }
    const right = await changePassword(
      user,
      { currentPassword: PASSWORD, newPassword: "a brand new secret" },
      "192.0.2.1",
    );
    expect(right).toMatchObject({ ok: false, code: "rate_limited" });
    const [row] = await db().select().from(users).where(eq(users.id, ada.id));
    expect(await verifyPassword(PASSWORD, row?.passwordHash ?? "")).toBe(true);
    const audited = await db().select().from(auditLog).where(eq(auditLog.actorId, ada.id));
    expect(audited).toHaveLength(5);
    expect(audited[0]).toMatchObject({ action: "password_refused", targetId: ada.id });
  });

  it("are limited like failed sign-ins on 'Delete my account', and audited", async () => {
    const ada = await makeUser("Ada");
    for (let i = 0; i < 5; i++) {
      expect(await deleteAccount(ada.id, { password: `wrong ${i}` }, "192.0.2.2")).toMatchObject({
        ok: false,
        code: "invalid",
      });
    }
    expect(await deleteAccount(ada.id, { password: PASSWORD }, "192.0.2.2")).toMatchObject({
      ok: false,
      code: "rate_limited",
    });
    expect(await countWhere("users", `id = ${ada.id}`)).toBe(1);
    const audited = await db().select().from(auditLog).where(eq(auditLog.actorId, ada.id));
    expect(audited.map((entry) => entry.action)).toEqual(Array(5).fill("password_refused"));
  });

  it("accept a current password as long as any password may be (300 characters)", async () => {
    const ada = await makeUser("Ada");
    const here = await startSession(ada.id);
    const user = { id: ada.id, name: ada.name, email: ada.email, sessionId: here };
    const long = `${"x".repeat(299)}y`;
    expectOk(await changePassword(user, { currentPassword: PASSWORD, newPassword: long }));
    expectOk(await changePassword(user, { currentPassword: long, newPassword: `${long}z` }));
  });
});
