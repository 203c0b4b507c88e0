import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callActionWithoutJavaScript } from "../test-kit/actions";
import { createPeople, inspect, withAppDatabase } from "../test-kit/database";
import { Client } from "../test-kit/http";
import {
  PROVIDER_PASSWORD,
  PROVIDER_USERS,
  startTestProvider,
  type TestProvider,
} from "../test-kit/oidc-provider";
import { findFreePort } from "../test-kit/server";
import { finishSso, loginAtProvider, signInWithSso, startSso } from "../test-kit/sso";
import { useWorld } from "../test-kit/world";

/**
 * Single sign-on against a real OpenID Connect provider (test-kit/oidc-provider.ts) on a
 * loopback port, through a real `next start`, on SQLite and on PostgreSQL: the protocol's
 * checks (state, PKCE, nonce, one-time codes) hold, accounts are created or linked only by a
 * verified email, a deactivated account stays out, a provider that is down is told plainly,
 * and an SSO-only deployment has no password way in.
 */

const asUser = (user: { login: string }) => ({ login: user.login, password: PROVIDER_PASSWORD });

/** A provider and the port of the app it serves, both known before the app starts. */
function useProvider() {
  const state = {} as { provider: TestProvider; appPort: number };
  beforeAll(async () => {
    state.appPort = await findFreePort();
    state.provider = await startTestProvider({ appOrigin: `http://127.0.0.1:${state.appPort}` });
  });
  afterAll(async () => {
    await state.provider?.close();
  });
  return state;
}

async function userByEmail(databaseUrl: string, email: string) {
  return inspect(databaseUrl, (db) =>
    db.row<{
      id: number;
      role: string;
      password_hash: string;
      sso_subject: string | null;
      deactivated_at: number | null;
    }>(
      "select id, role, password_hash, sso_subject, deactivated_at from users where email = ?",
      email,
    ),
  );
}

const countUsers = (databaseUrl: string) =>
  inspect(databaseUrl, (db) => db.value("select count(*) from users"));

const sessionsOf = (databaseUrl: string, userId: number) =>
  inspect(databaseUrl, (db) => db.value("select count(*) from sessions where user_id = ?", userId));

describe("single sign-on beside passwords", () => {
  const sso = useProvider();
  const world = useWorld({
    label: "sso",
    names: ["Ada", "Bo"],
    port: () => sso.appPort,
    env: () => sso.provider.env("Cairo SSO"),
  });

  it("the sign-in page offers the provider by its name, and the password form", async () => {
    const page = await world.anonymous().page("/login");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Sign in with Cairo SSO");
    expect(page.html).toContain('name="password"');
  });

  it("a verified user's first sign-in creates a member account and a server session", async () => {
    const { app, location } = await signInWithSso(
      world.server.baseUrl,
      sso.provider,
      asUser(PROVIDER_USERS.verified),
    );
    expect(location).toMatch(/\/messages$/);
    expect(app.hasSession()).toBe(true);
    const user = await userByEmail(world.databaseUrl, PROVIDER_USERS.verified.email);
    expect(user).toMatchObject({ role: "member", password_hash: "", sso_subject: "sub-vera" });
    expect(await sessionsOf(world.databaseUrl, user?.id ?? 0)).toBe(1);
    const session = await app.json("GET", "/api/auth/session");
    expect(session.body).toEqual({
      user: { id: String(user?.id), name: "Vera Verified", email: "vera@sso.test" },
    });
    expect((await app.fetch("/api/conversations/1")).status).toBe(200);
    // Signing in again finds the same account by its subject.
    const again = await signInWithSso(
      world.server.baseUrl,
      sso.provider,
      asUser(PROVIDER_USERS.verified),
    );
    expect(again.location).toMatch(/\/messages$/);
    expect(await countUsers(world.databaseUrl)).toBe(3);
  });

  it("a verified email links the existing password account, which keeps its password", async () => {
    const [ada] = world.people;
    if (!ada) throw new Error("no Ada");
    sso.provider.addUser({
      login: "ada-at-work",
      email: ada.email,
      emailVerified: true,
      name: "Ada at work",
    });
    const before = await countUsers(world.databaseUrl);
    const { app, location } = await signInWithSso(world.server.baseUrl, sso.provider, {
      login: "ada-at-work",
      password: PROVIDER_PASSWORD,
    });
    expect(location).toMatch(/\/messages$/);
    const session = await app.json("GET", "/api/auth/session");
    expect(session.body).toMatchObject({ user: { id: String(ada.id), name: ada.name } });
    expect(await countUsers(world.databaseUrl)).toBe(before);
    expect(await userByEmail(world.databaseUrl, ada.email)).toMatchObject({
      id: ada.id,
      sso_subject: "sub-ada-at-work",
    });
    expect((await world.signIn(ada)).hasSession()).toBe(true);
  });

  it("an unverified email is refused and creates nothing", async () => {
    const before = await countUsers(world.databaseUrl);
    const { app, location } = await signInWithSso(
      world.server.baseUrl,
      sso.provider,
      asUser(PROVIDER_USERS.unverified),
    );
    expect(location).toMatch(/\/login\?error=SsoUnverified$/);
    expect(app.hasSession()).toBe(false);
    expect(await countUsers(world.databaseUrl)).toBe(before);
    const page = await app.page(location);
    expect(page.html).toContain("did not confirm your email address");
  });

  it("an unverified email does not take over a password account with that email", async () => {
    const [, bo] = world.people;
    if (!bo) throw new Error("no Bo");
    sso.provider.addUser({
      login: "not-bo",
      email: bo.email,
      emailVerified: false,
      name: "Not Bo",
    });
    const { app, location } = await signInWithSso(world.server.baseUrl, sso.provider, {
      login: "not-bo",
      password: PROVIDER_PASSWORD,
    });
    expect(location).toMatch(/\/login\?error=SsoUnverified$/);
    expect(app.hasSession()).toBe(false);
    expect(await userByEmail(world.databaseUrl, bo.email)).toMatchObject({ sso_subject: null });
  });

  it("a forged or a missing state is refused, with no session", async () => {
    for (const tamper of [
      (url: URL) => url.searchParams.set("state", "forged-state"),
      (url: URL) => url.searchParams.delete("state"),
    ]) {
      const app = new Client(world.server.baseUrl);
      const authorization = await startSso(app);
      const callback = new URL(
        await loginAtProvider(sso.provider, authorization, asUser(PROVIDER_USERS.verified)),
      );
      expect(callback.searchParams.get("code")).toBeTruthy();
      tamper(callback);
      expect(await finishSso(app, callback.toString())).toMatch(/\/login\?error=SsoFailed$/);
      expect(app.hasSession()).toBe(false);
    }
  });

  it("a code is good for one sign-in: replayed with the same cookies, it is refused", async () => {
    const app = new Client(world.server.baseUrl);
    const authorization = await startSso(app);
    const callback = await loginAtProvider(
      sso.provider,
      authorization,
      asUser(PROVIDER_USERS.verified),
    );
    const attacker = new Client(world.server.baseUrl);
    for (const { name, value } of app.cookieList()) attacker.setCookie(name, value);
    expect(await finishSso(app, callback)).toMatch(/\/messages$/);
    expect(app.hasSession()).toBe(true);
    expect(await finishSso(attacker, callback)).toMatch(/\/login\?error=SsoFailed$/);
    expect(attacker.hasSession()).toBe(false);
  });

  it("an ID token whose nonce is not this sign-in's is refused", async () => {
    const mine = new Client(world.server.baseUrl);
    const other = new Client(world.server.baseUrl);
    const authorization = await startSso(mine);
    await startSso(other);
    const otherNonce = other.cookieList().find((cookie) => cookie.name === "authjs.nonce");
    expect(otherNonce).toBeTruthy();
    const callback = await loginAtProvider(
      sso.provider,
      authorization,
      asUser(PROVIDER_USERS.verified),
    );
    // State and PKCE are this sign-in's; only the nonce the app expects is another's.
    mine.setCookie("authjs.nonce", otherNonce?.value ?? "");
    expect(await finishSso(mine, callback)).toMatch(/\/login\?error=SsoFailed$/);
    expect(mine.hasSession()).toBe(false);
  });

  it("a deactivated account is refused with the usual message", async () => {
    const dan = asUser(PROVIDER_USERS.deactivated);
    expect((await signInWithSso(world.server.baseUrl, sso.provider, dan)).location).toMatch(
      /\/messages$/,
    );
    await inspect(world.databaseUrl, (db) =>
      db.all(
        "update users set deactivated_at = ? where email = ? returning id",
        Date.now(),
        PROVIDER_USERS.deactivated.email,
      ),
    );
    const { app, location } = await signInWithSso(world.server.baseUrl, sso.provider, dan);
    expect(location).toMatch(/\/login\?error=SsoDeactivated$/);
    expect(app.hasSession()).toBe(false);
    expect((await app.page(location)).html).toContain(
      "This account has been deactivated. Ask an administrator to reactivate it.",
    );
  });

  it("signing out ends the server session and sends the browser to the provider's end-session endpoint", async () => {
    const { app } = await signInWithSso(
      world.server.baseUrl,
      sso.provider,
      asUser(PROVIDER_USERS.verified),
    );
    const copy = new Client(world.server.baseUrl);
    for (const { name, value } of app.cookieList()) copy.setCookie(name, value);
    const signedOut = await callActionWithoutJavaScript(
      app,
      "signOutAction",
      {},
      {
        page: "/messages",
      },
    );
    const location = new URL(signedOut.location ?? signedOut.actionRedirect ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(`${sso.provider.issuer}/session/end`);
    expect(location.searchParams.get("post_logout_redirect_uri")).toBe(
      `${world.server.baseUrl}/login`,
    );
    const hint = location.searchParams.get("id_token_hint") ?? "";
    expect(hint.split(".")).toHaveLength(3);
    // The provider accepts the hint: it asks to confirm the sign-out rather than erring.
    const atProvider = await fetch(location, { redirect: "manual" });
    expect(atProvider.status).toBe(200);
    expect(await atProvider.text()).toContain("logout");
    expect((await copy.fetch("/api/conversations/1")).status).toBe(401);
  });

  it("a password account signs out as before, straight to the sign-in page", async () => {
    const [, bo] = world.people;
    if (!bo) throw new Error("no Bo");
    const client = await world.signIn(bo);
    const signedOut = await callActionWithoutJavaScript(
      client,
      "signOutAction",
      {},
      {
        page: "/messages",
      },
    );
    expect(signedOut.location ?? "").toMatch(/\/login$/);
  });

  it("the admin console shows each user's sign-in method", async () => {
    const [ada] = world.people;
    if (!ada) throw new Error("no Ada");
    await inspect(world.databaseUrl, (db) =>
      db.all("update users set role = 'admin' where id = ? returning id", ada.id),
    );
    const admin = await world.signIn(ada);
    const page = await admin.page("/admin");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Sign-in");
    const rowOf = (email: string) => page.html.slice(page.html.indexOf(email)).split("</tr>")[0];
    expect(rowOf(ada.email)).toContain("Password and single sign-on");
    expect(rowOf(PROVIDER_USERS.verified.email)).toContain("Single sign-on");
    expect(rowOf(world.people[1]?.email ?? "")).toMatch(/>Password</);
  });

  it("a provider that is down: a clear error at sign-in, and passwords still work", async () => {
    const [ada] = world.people;
    if (!ada) throw new Error("no Ada");
    // Down in the middle of a sign-in: the code cannot be exchanged.
    const app = new Client(world.server.baseUrl);
    const authorization = await startSso(app);
    const callback = await loginAtProvider(
      sso.provider,
      authorization,
      asUser(PROVIDER_USERS.verified),
    );
    await sso.provider.down();
    try {
      expect(await finishSso(app, callback)).toMatch(/\/login\?error=SsoFailed$/);
      expect(app.hasSession()).toBe(false);
      // Down before it starts: the button leads back to the sign-in page, which says so.
      const visitor = new Client(world.server.baseUrl);
      const started = await callActionWithoutJavaScript(
        visitor,
        "ssoSignInAction",
        {},
        {
          page: "/login",
        },
      );
      expect(started.status).toBeLessThan(400);
      const to = started.location ?? started.actionRedirect ?? "";
      expect(to).toMatch(/\/login\?error=SsoUnavailable$/);
      const page = await visitor.page("/login?error=SsoUnavailable");
      expect(page.status).toBe(200);
      expect(page.html).toContain("cannot be reached or is not set up correctly");
      expect((await world.signIn(ada)).hasSession()).toBe(true);
    } finally {
      await sso.provider.up();
    }
    const back = await signInWithSso(
      world.server.baseUrl,
      sso.provider,
      asUser(PROVIDER_USERS.verified),
    );
    expect(back.location).toMatch(/\/messages$/);
  });
});

describe("an SSO-only deployment (PASSWORD_SIGN_IN=false)", () => {
  const sso = useProvider();
  const world = useWorld({
    label: "sso-only",
    names: [],
    port: () => sso.appPort,
    env: () => ({ ...sso.provider.env(), PASSWORD_SIGN_IN: "false" }),
  });

  it("the first account ever, made by single sign-on, is the admin", async () => {
    const { app, location } = await signInWithSso(
      world.server.baseUrl,
      sso.provider,
      asUser(PROVIDER_USERS.verified),
    );
    expect(location).toMatch(/\/messages$/);
    expect(await userByEmail(world.databaseUrl, PROVIDER_USERS.verified.email)).toMatchObject({
      role: "admin",
    });
    expect((await app.page("/admin")).status).toBe(200);
  });

  it("no password form, no registration, no password settings", async () => {
    const visitor = new Client(world.server.baseUrl);
    const login = await visitor.page("/login");
    expect(login.html).toContain("Sign in with SSO");
    expect(login.html).not.toContain('name="password"');
    expect(login.html).not.toContain('href="/register"');
    expect((await visitor.page("/register")).status).toBe(404);
    const { app } = await signInWithSso(
      world.server.baseUrl,
      sso.provider,
      asUser(PROVIDER_USERS.verified),
    );
    const settings = await app.page("/settings/password");
    expect(settings.status).toBe(200);
    expect(settings.html).not.toContain("Change password");
    expect(settings.html).toContain("Sign out everywhere");
    // The settings link to that page is named by what is left on it.
    expect(settings.html).toMatch(/href="\/settings\/password"[^>]*>Sessions</);
  });

  it("a password is refused even posted straight to Auth.js, and `npm run admin` still works", async () => {
    const [pat] = await withAppDatabase(world.databaseUrl, () => createPeople(["Pat"]));
    if (!pat) throw new Error("no Pat");
    const client = new Client(world.server.baseUrl);
    const result = await client.signIn(pat.email, pat.password);
    expect(result.ok).toBe(false);
    expect(client.hasSession()).toBe(false);
    const registered = await callActionWithoutJavaScript(
      client,
      "registerAction",
      { name: "Eve", email: "eve@reliability.test", password: "a long enough password" },
      { page: "/register" },
    );
    expect(registered.status).not.toBe(500);
    expect(await userByEmail(world.databaseUrl, "eve@reliability.test")).toBeUndefined();
    const admin = spawnSync(
      process.execPath,
      ["--import", "tsx", "--conditions=react-server", "scripts/admin.ts", "grant", pat.email],
      { env: { ...process.env, DATABASE_URL: world.databaseUrl }, encoding: "utf8" },
    );
    expect(admin.status, admin.stderr).toBe(0);
    expect(await userByEmail(world.databaseUrl, pat.email)).toMatchObject({ role: "admin" });
  });
});
