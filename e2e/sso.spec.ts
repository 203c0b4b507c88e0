import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { findFreePort, type Server, startServer } from "../scripts/next-server";
import {
  PROVIDER_PASSWORD,
  PROVIDER_USERS,
  startTestProvider,
  type TestProvider,
} from "../test-kit/oidc-provider";

/**
 * Single sign-on in Chromium, through a real OpenID Connect provider's own login page. The
 * app under test is a `next start` of its own with SSO configured (the rest of the e2e suite
 * runs against the usual server, passwords only), with a fresh database.
 */

test.describe.configure({ mode: "serial" });

let provider: TestProvider;
let server: Server;
let dir: string;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  const port = await findFreePort();
  provider = await startTestProvider({ appOrigin: `http://127.0.0.1:${port}` });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairo-e2e-sso-"));
  server = await startServer({
    databaseUrl: path.join(dir, "cairo.db"),
    workDir: dir,
    port,
    env: {
      AUTH_SECRET: "e2e-sso-only-secret-not-for-production-0123456789",
      ...provider.env("Cairo SSO"),
    },
  });
});

test.afterAll(async () => {
  await server?.stop();
  await provider?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test("signing in through the provider's login page lands signed in; signing out ends both sessions", async ({
  page,
}) => {
  const { baseUrl } = server;
  await page.goto(`${baseUrl}/login`);
  // Password sign-in stays beside it.
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Sign in with Cairo SSO" }).click();

  await expect(page.getByRole("heading", { name: "Test identity provider" })).toBeVisible();
  expect(page.url().startsWith(provider.issuer)).toBe(true);
  await page.getByLabel("Username").fill(PROVIDER_USERS.verified.login);
  await page.getByLabel("Password").fill(PROVIDER_PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page).toHaveURL(`${baseUrl}/messages`);
  const main = page.getByRole("navigation", { name: "Main" });
  await expect(main).toBeVisible();
  // The first account of this database, made by single sign-on, is its admin.
  await expect(main.getByRole("link", { name: "Admin" })).toBeVisible();
  await page.goto(`${baseUrl}/admin`);
  const row = page
    .getByRole("table", { name: "Users" })
    .getByRole("row")
    .filter({ hasText: PROVIDER_USERS.verified.email });
  await expect(row).toContainText("Single sign-on");

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page).toHaveURL(`${baseUrl}/login`);
  await page.goto(`${baseUrl}/messages`);
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);

  // The provider's session ended too: it asks for the password again.
  await page.getByRole("button", { name: "Sign in with Cairo SSO" }).click();
  await expect(page.getByRole("heading", { name: "Test identity provider" })).toBeVisible();
});

test("an unverified email is refused with a message the person can act on", async ({ page }) => {
  await page.goto(`${server.baseUrl}/login`);
  await page.getByRole("button", { name: "Sign in with Cairo SSO" }).click();
  await page.getByLabel("Username").fill(PROVIDER_USERS.unverified.login);
  await page.getByLabel("Password").fill(PROVIDER_PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(`${server.baseUrl}/login?error=SsoUnverified`);
  await expect(
    page.getByRole("alert").filter({ hasText: "did not confirm your email address" }),
  ).toBeVisible();
});
