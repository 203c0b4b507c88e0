import { describe, expect, it } from "vitest";
import { callAction, callFormAction, formState } from "../test-kit/actions";
import { inspect } from "../test-kit/database";
import { Client, signedIn } from "../test-kit/http";
import { useWorld } from "../test-kit/world";

/**
 * Sessions end on the server: a cookie copied before sign-out (or before "Sign out
 * everywhere", or a password change elsewhere) reads nothing, sends nothing, and its open
 * event stream closes.
 */
describe("sessions that end", () => {
  const world = useWorld({ label: "sessions", names: ["Ada", "Bo", "Cy", "Dee"] });

  /** A second client holding a copy of `client`'s cookies: what a thief would have. */
  function copyOf(client: Client): Client {
    const copy = new Client(world.server.baseUrl);
    for (const { name, value } of client.cookieList()) copy.setCookie(name, value);
    return copy;
  }

  async function refusedEverywhere(client: Client, otherId: number) {
    expect((await client.fetch(`/api/conversations/${otherId}`)).status).toBe(401);
    const sent = await client.json("POST", "/api/messages", {
      receiverId: otherId,
      content: "ghost",
    });
    expect(sent.status).toBe(401);
    const stream = await client.fetch("/api/events");
    expect(stream.status).toBe(401);
    await stream.body?.cancel();
  }

  /** Reads an event stream to its end; fails if it is still open after `ms`. */
  async function readsToEnd(response: Response, ms = 20_000): Promise<string> {
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<{ done: false; value: undefined }>((resolve) =>
          setTimeout(() => resolve({ done: false, value: undefined }), 500),
        ),
      ]);
      if (chunk.done) return text;
      if (chunk.value) text += decoder.decode(chunk.value, { stream: true });
    }
    await reader.cancel();
    throw new Error(`the stream was still open after ${ms} ms:\n${text}`);
  }

  it("signing out ends the session for a copied cookie too, and closes its stream", async () => {
    const [ada, bo] = world.people as [(typeof world.people)[0], (typeof world.people)[0]];
    const client = await world.signIn(ada);
    const stolen = copyOf(client);
    expect((await stolen.fetch(`/api/conversations/${bo.id}`)).status).toBe(200);
    const stream = await stolen.fetch("/api/events");
    expect(stream.status).toBe(200);
    const signedOut = await callAction(client, "signOutAction", [], { page: "/messages" });
    expect(signedOut.status).toBeLessThan(400);
    expect(await readsToEnd(stream)).toContain("event: signed-out");
    await refusedEverywhere(stolen, bo.id);
  });

  it("'Sign out everywhere' ends every session of the user, the one asking included", async () => {
    const [ada, bo] = world.people as [(typeof world.people)[0], (typeof world.people)[0]];
    const laptop = await world.signIn(ada);
    const phone = await world.signIn(ada);
    const bos = await world.signIn(bo);
    const phoneStream = await phone.fetch("/api/events");
    await callAction(laptop, "signOutEverywhereAction", [], { page: "/settings/password" });
    expect(await readsToEnd(phoneStream)).toContain("event: signed-out");
    await refusedEverywhere(copyOf(laptop), bo.id);
    await refusedEverywhere(phone, bo.id);
    expect((await bos.fetch(`/api/conversations/${ada.id}`)).status).toBe(200);
  });

  it("a password change ends the other sessions and keeps this one", async () => {
    const [ada, bo] = world.people as [(typeof world.people)[0], (typeof world.people)[0]];
    const here = await world.signIn(ada);
    const elsewhere = await world.signIn(ada);
    const changed = await callFormAction(
      here,
      "changePasswordAction",
      { currentPassword: ada.password, newPassword: `${ada.password} v2` },
      { page: "/settings/password" },
    );
    expect(formState(changed)?.ok).toBe(true);
    await refusedEverywhere(elsewhere, bo.id);
    expect((await here.fetch(`/api/conversations/${bo.id}`)).status).toBe(200);
    ada.password = `${ada.password} v2`;
  });

  /** Auth.js's own form: GET /api/auth/signout serves it, POST with the CSRF token ends it. */
  async function signOutThroughAuthJs(client: Client) {
    const csrf = await client.fetch("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    return client.fetch("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: "/login" }),
    });
  }

  it("Auth.js's own sign-out ends the server session: a copied cookie and its stream end", async () => {
    const [ada, bo] = world.people as [(typeof world.people)[0], (typeof world.people)[0]];
    const client = await world.signIn(ada);
    const stolen = copyOf(client);
    const stream = await stolen.fetch("/api/events");
    expect(stream.status).toBe(200);
    const signedOut = await signOutThroughAuthJs(client);
    await signedOut.arrayBuffer();
    expect(signedOut.status).toBe(302);
    expect(new URL(signedOut.headers.get("location") ?? "").origin).toBe(world.server.baseUrl);
    expect(await readsToEnd(stream)).toContain("event: signed-out");
    await refusedEverywhere(stolen, bo.id);
  });

  it("Auth.js redirects to the configured origin after signing in, never to localhost", async () => {
    const [ada] = world.people as [(typeof world.people)[0]];
    const client = new Client(world.server.baseUrl);
    const { ok, location } = await client.signIn(ada.email, ada.password);
    expect(ok).toBe(true);
    expect(new URL(location).origin).toBe(world.server.baseUrl);
  });

  it("/api/auth/session neither re-issues the cookie nor names the server session", async () => {
    const [ada] = world.people as [(typeof world.people)[0]];
    const client = await world.signIn(ada);
    const response = await client.fetch("/api/auth/session");
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().join("\n")).not.toMatch(/session-token/);
    const text = await response.text();
    const sessionIds = await inspect(world.databaseUrl, (db) =>
      db.all<{ id: string }>("select id from sessions where user_id = ?", ada.id),
    );
    expect(sessionIds.length).toBeGreaterThan(0);
    for (const { id } of sessionIds) expect(text).not.toContain(id);
    expect(text).not.toMatch(/sessionId|"sid"/);
  });

  /** Wrong current passwords are counted like failed sign-ins: slowed, then refused. */
  async function guessesUntilRefused(
    person: (typeof world.people)[0],
    attempt: (client: Client, password: string) => Promise<{ ok?: boolean; error?: string }>,
  ) {
    const client = await world.signIn(person);
    const errors: string[] = [];
    for (let i = 0; i < 6; i++) {
      const state = await attempt(client, `not the password ${i}`);
      expect(state.ok).toBe(false);
      errors.push(state.error ?? "");
    }
    const right = await attempt(client, person.password);
    expect(right.ok, "the right password after six guesses").toBe(false);
    expect(right.error).toMatch(/too many/i);
    const audited = await inspect(world.databaseUrl, (db) =>
      db.value(
        "select count(*) from audit_log where actor_id = ? and action = 'password_refused'",
        person.id,
      ),
    );
    expect(Number(audited)).toBeGreaterThanOrEqual(5);
    return errors;
  }

  it("wrong current passwords on 'Change password' are limited like sign-ins, and audited", async () => {
    const cy = world.people[2] as (typeof world.people)[0];
    await guessesUntilRefused(cy, async (client, currentPassword) => {
      const changed = await callFormAction(
        client,
        "changePasswordAction",
        { currentPassword, newPassword: "an entirely new secret" },
        { page: "/settings/password" },
      );
      return formState(changed) ?? {};
    });
  });

  it("wrong passwords on 'Delete my account' are limited like sign-ins, and audited", async () => {
    const dee = world.people[3] as (typeof world.people)[0];
    await guessesUntilRefused(dee, async (client, password) => {
      const deleted = await callFormAction(
        client,
        "deleteAccountAction",
        { password },
        { page: "/settings/account" },
      );
      return formState(deleted) ?? {};
    });
    const left = await inspect(world.databaseUrl, (db) =>
      db.value("select count(*) from users where id = ?", dee.id),
    );
    expect(Number(left)).toBe(1);
  });

  it("a 300-character password registers, signs in and changes", async () => {
    const password = "p".repeat(150) + "q".repeat(150);
    const email = "long.password@reliability.test";
    const registered = await callFormAction(
      new Client(world.server.baseUrl, "10.1.1.1"),
      "registerAction",
      { name: "Long Password", email, password },
      { page: "/register" },
    );
    expect(registered.status).toBeLessThan(400);
    const client = await signedIn(world.server.baseUrl, email, password);
    const changed = await callFormAction(
      client,
      "changePasswordAction",
      { currentPassword: password, newPassword: `${password}!` },
      { page: "/settings/password" },
    );
    expect(formState(changed)).toMatchObject({ ok: true });
    await signedIn(world.server.baseUrl, email, `${password}!`);
  });
});
