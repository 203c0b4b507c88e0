import { describe, expect, it } from "vitest";
import { update } from "@/db/events";
import { verifyCredentials } from "@/lib/accounts/accounts";
import { signInMethod } from "@/lib/accounts/sign-in-method";
import { signInWithSso } from "@/lib/accounts/sso";
import { passwordSignInEnabled, ssoButtonLabel, ssoConfig } from "@/lib/accounts/sso-config";
import { allRows, countWhere, makeUser, PASSWORD } from "./helpers";

/** The accounts single sign-on finds, links and creates, on both databases. */

const claims = (over: Record<string, unknown> = {}) => ({
  sub: "sub-vera",
  email: "Vera@SSO.test",
  email_verified: true,
  name: "Vera Verified",
  ...over,
});

describe("signInWithSso", () => {
  it("creates the first account ever as admin, without a password, from verified claims", async () => {
    const outcome = await signInWithSso(claims());
    expect(outcome).toMatchObject({
      ok: true,
      created: true,
      user: { name: "Vera Verified", email: "vera@sso.test" },
    });
    const [row] = await allRows("users");
    expect(row).toMatchObject({ role: "admin", password_hash: "", sso_subject: "sub-vera" });
    // Its empty password never matches, not even an empty one.
    expect(await verifyCredentials({ email: "vera@sso.test", password: "" }, "10.0.0.1")).toEqual({
      ok: false,
      reason: "invalid",
    });
    const second = await signInWithSso(claims({ sub: "sub-sam", email: "sam@sso.test" }));
    expect(second.ok).toBe(true);
    expect(await countWhere("users", "role = 'admin'")).toBe(1);
  });

  it("finds the account by its subject again, even after the email changed at the provider", async () => {
    const first = await signInWithSso(claims());
    const again = await signInWithSso(
      claims({ email: "vera.new@sso.test", email_verified: false }),
    );
    expect(again.ok && first.ok && again.user.id === first.user.id).toBe(true);
    expect(again.ok && again.created).toBe(false);
    expect(await countWhere("users")).toBe(1);
  });

  it("refuses an unverified, a missing or a malformed email, creating nothing", async () => {
    for (const over of [
      { email_verified: false },
      { email_verified: undefined },
      { email: undefined },
      { email: "not an email" },
    ]) {
      expect(await signInWithSso(claims(over))).toEqual({ ok: false, reason: "unverified" });
    }
    expect(await signInWithSso({ email: "x@sso.test" })).toEqual({ ok: false, reason: "invalid" });
    expect(await countWhere("users")).toBe(0);
  });

  it("accepts Entra ID's xms_edov as the email's verification", async () => {
    const outcome = await signInWithSso(claims({ email_verified: undefined, xms_edov: true }));
    expect(outcome.ok).toBe(true);
  });

  it("links a password account with the verified email, which keeps its password", async () => {
    const ada = await makeUser("Ada");
    const outcome = await signInWithSso(claims({ sub: "sub-ada", email: ada.email.toUpperCase() }));
    expect(outcome).toMatchObject({ ok: true, created: false, user: { id: ada.id, name: "Ada" } });
    const [row] = await allRows("users");
    expect(row).toMatchObject({ sso_subject: "sub-ada", role: "member" });
    expect(signInMethod({ passwordHash: String(row?.password_hash), ssoSubject: "sub-ada" })).toBe(
      "password and sso",
    );
    expect((await verifyCredentials({ email: ada.email, password: PASSWORD }, "10.0.0.2")).ok).toBe(
      true,
    );
  });

  it("does not hand an account linked to one identity to another claiming its email", async () => {
    const ada = await makeUser("Ada");
    expect((await signInWithSso(claims({ sub: "sub-ada", email: ada.email }))).ok).toBe(true);
    expect(await signInWithSso(claims({ sub: "sub-impostor", email: ada.email }))).toEqual({
      ok: false,
      reason: "conflict",
    });
  });

  it("refuses a deactivated account, found by email or by subject", async () => {
    const dan = await makeUser("Dan");
    await update("users", dan.id, { deactivatedAt: Date.now() });
    expect(await signInWithSso(claims({ sub: "sub-dan", email: dan.email }))).toEqual({
      ok: false,
      reason: "deactivated",
    });
    expect(await signInWithSso(claims({ sub: "sub-dan", email: dan.email }))).toEqual({
      ok: false,
      reason: "deactivated",
    });
  });

  it("two first sign-ins of the same person at once make one account", async () => {
    const outcomes = await Promise.all([signInWithSso(claims()), signInWithSso(claims())]);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(await countWhere("users")).toBe(1);
  });
});

describe("single sign-on settings", () => {
  it("are on with all three variables, named SSO unless OIDC_NAME says otherwise", () => {
    const env = { OIDC_ISSUER: "https://id.cairo", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s" };
    expect(ssoConfig(env)).toMatchObject({ issuer: "https://id.cairo", name: "SSO" });
    expect(ssoConfig({ ...env, OIDC_CLIENT_SECRET: "" })).toBeNull();
    const named = ssoConfig({ ...env, OIDC_NAME: "Cairo SSO" });
    expect(named && ssoButtonLabel(named)).toBe("Sign in with Cairo SSO");
    expect(passwordSignInEnabled({})).toBe(true);
    expect(passwordSignInEnabled({ PASSWORD_SIGN_IN: "false" })).toBe(false);
  });
});
