import { expect, test } from "@playwright/test";
import {
  messageArticles,
  openConversation,
  PASSWORD,
  registerPerson,
  sendMessage,
} from "./helpers";

test("a new name shows at once to a conversation partner, in the conversation and the sidebar", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(ada, bo);
  await sendMessage(ada, "before the rename");
  // Bo reads the conversation: its page is now in the data cache.
  await openConversation(bo, ada);
  await expect(messageArticles(bo)).toContainText([ada.name]);

  const renamed = `Ada King ${Date.now().toString(36)}`;
  await ada.page.goto("/settings/profile");
  const name = ada.page.getByRole("textbox", { name: "Name" });
  await expect(name).toHaveValue(ada.name);
  await name.fill(renamed);
  await ada.page.getByRole("button", { name: "Save profile" }).click();
  await expect(ada.page.getByRole("status")).toHaveText("Profile saved.");

  await bo.page.reload();
  await expect(messageArticles(bo).first()).toContainText(renamed);
  await expect(bo.page.getByRole("heading", { name: renamed })).toBeVisible();
  await expect(
    bo.page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: renamed }),
  ).toBeVisible();

  // An empty name is refused with a message, and nothing changes.
  await name.fill("   ");
  await ada.page.getByRole("button", { name: "Save profile" }).click();
  await expect(ada.page.getByText("Enter your name.")).toBeVisible();
  await ada.page.reload();
  await expect(ada.page.getByRole("textbox", { name: "Name" })).toHaveValue(renamed);
  await ada.page.context().close();
  await bo.page.context().close();
});

test("after a password change the old password stops working", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  const page = ada.page;
  await page.goto("/settings/password");
  await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link")).toHaveText([
    "Profile",
    "Password",
    "Desktop notifications",
    "Account",
  ]);
  const newPassword = "a-new-password-456";
  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toContainText("Password changed.");

  const signIn = async (password: string) => {
    const context = await browser.newContext();
    const fresh = await context.newPage();
    await fresh.goto("/login");
    await fresh.getByRole("textbox", { name: "Email" }).fill(ada.email);
    await fresh.getByLabel("Password").fill(password);
    await fresh.getByRole("button", { name: "Sign in" }).click();
    return { context, page: fresh };
  };
  const withNew = await signIn(newPassword);
  await expect(withNew.page).toHaveURL(/\/messages$/, { timeout: 90_000 });
  await withNew.context.close();
  const withOld = await signIn(PASSWORD);
  await expect(withOld.page.getByText("Wrong email or password.")).toBeVisible({ timeout: 90_000 });
  await expect(withOld.page).toHaveURL(/\/login/);
  await withOld.context.close();
  await page.context().close();
});

test("sign out everywhere ends every session", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto("/login");
  await second.getByRole("textbox", { name: "Email" }).fill(ada.email);
  await second.getByLabel("Password").fill(PASSWORD);
  await second.getByRole("button", { name: "Sign in" }).click();
  await expect(second).toHaveURL(/\/messages$/, { timeout: 90_000 });

  await ada.page.goto("/settings/password");
  await ada.page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(ada.page).toHaveURL(/\/login/);
  await second.goto("/inbox");
  await expect(second).toHaveURL(/\/login/);
  await ada.page.goto("/inbox");
  await expect(ada.page).toHaveURL(/\/login/);
  await other.close();
  await ada.page.context().close();
});

test("the account page keeps account deletion", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  await ada.page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Settings" })
    .click();
  await expect(ada.page).toHaveURL(/\/settings\/profile$/);
  await ada.page
    .getByRole("navigation", { name: "Settings" })
    .getByRole("link", { name: "Account" })
    .click();
  await expect(ada.page.getByRole("heading", { name: "Delete account" })).toBeVisible();
  await expect(ada.page.getByRole("button", { name: "Delete my account" })).toBeVisible();
  await ada.page.context().close();
});
