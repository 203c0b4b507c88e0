import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/query";
import { users } from "@/db/schema";
import { changePassword, deleteAccount, findSessionUser } from "@/lib/accounts/accounts";
import { verifyPassword } from "@/lib/accounts/passwords";
import { endAllSessions, endSession, startSession } from "@/lib/accounts/sessions";
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
    expect(await endAllSessions(ada.id)).toEqual({ ended: 2 });
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
