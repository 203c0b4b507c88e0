import { expect, test } from "@playwright/test";
import { confirmDeletion } from "./account-deletion";
import { BUDGET, openConversation, PASSWORD, registerPerson, sendMessage } from "./helpers";

test("a user deletes their account and leaves nothing behind", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(bo, ada);
  await sendMessage(bo, "Bye Ada, I'm leaving");

  await bo.page.getByRole("navigation").getByRole("link", { name: "Settings" }).click();
  await bo.page
    .getByRole("navigation", { name: "Settings" })
    .getByRole("link", { name: "Account" })
    .click();
  await expect(bo.page.getByRole("heading", { name: "Delete account" })).toBeVisible();
  await expect(bo.page.getByRole("main")).toContainText("1 message");

  await bo.page.getByLabel("Password").fill("wrong password");
  await bo.page.getByRole("button", { name: "Delete my account" }).click();
  await confirmDeletion(bo.page, bo.email);
  await expect(bo.page.getByText("That password is not right. Nothing was deleted.")).toBeVisible();

  await bo.page.getByLabel("Password").fill(PASSWORD);
  await bo.page.getByRole("button", { name: "Delete my account" }).click();
  await confirmDeletion(bo.page, bo.email);
  await expect(bo.page).toHaveURL(/\/login/);
  await expect(bo.page.getByText("Your account has been deleted.")).toBeVisible();

  await bo.page.getByRole("textbox", { name: "Email" }).fill(bo.email);
  await bo.page.getByLabel("Password").fill(PASSWORD);
  await bo.page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    bo.page.getByRole("alert").filter({ hasText: "Wrong email or password." }),
  ).toBeVisible();

  await ada.page.goto("/messages");
  await expect(ada.page.getByRole("link", { name: bo.name })).toHaveCount(0);
  await expect(ada.page.getByRole("navigation").getByRole("link", { name: /Inbox/ })).toHaveText(
    /^\s*Inbox\s*$/,
  );
});

test("anonymous visitors cannot reach the delete-account page", async ({ page }) => {
  test.setTimeout(BUDGET.page);
  await page.goto("/settings/account");
  await expect(page).toHaveURL(/\/login/);
});
