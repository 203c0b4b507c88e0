import { expect, test } from "@playwright/test";
import { BUDGET, openConversation, PASSWORD, registerPerson, sendMessage } from "./helpers";

test("Settings opens on the profile, and deleting an account asks once more, naming what goes", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(bo, ada);
  await sendMessage(bo, "Bye Ada, I'm leaving");
  const page = bo.page;

  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Settings" })
    .click();
  await expect(page).toHaveURL(/\/settings\/profile$/);
  await expect(page.getByRole("textbox", { name: "Name" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Delete account" })).toHaveCount(0);

  await page.goto("/settings/account");
  await expect(page.getByRole("heading", { name: "Delete account" })).toBeVisible();
  // A password manager does not fill it: it is not the sign-in form's "current-password".
  const password = page.getByLabel("Password", { exact: true });
  await expect(password).toHaveAttribute("autocomplete", "off");

  // Clicking the red button with a filled password deletes nothing yet: a dialog asks.
  await password.fill(PASSWORD);
  await page.getByRole("button", { name: "Delete my account" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete your account?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("1 message");
  await expect(dialog).toContainText(bo.email);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Delete account" })).toBeVisible();

  // The final button stays unusable until the account's email is typed.
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Delete my account" }).click();
  const forever = dialog.getByRole("button", { name: "Delete forever" });
  await expect(forever).toBeDisabled();
  await dialog.getByRole("textbox", { name: /Type your email/ }).fill("someone.else@cairo.test");
  await expect(forever).toBeDisabled();
  await dialog.getByRole("textbox", { name: /Type your email/ }).fill(bo.email);
  await forever.click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText("Your account has been deleted.")).toBeVisible();
});

test("a wrong password when deleting keeps the focus on the password, with the error announced", async ({
  browser,
}) => {
  const bo = await registerPerson(browser, "Bo");
  const page = bo.page;
  await page.goto("/settings/account");
  const password = page.getByLabel("Password", { exact: true });
  await password.fill("not the password");
  await page.getByRole("button", { name: "Delete my account" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete your account?" });
  await dialog.getByRole("textbox", { name: /Type your email/ }).fill(bo.email);
  await dialog.getByRole("button", { name: "Delete forever" }).click();
  await expect(password).toHaveAccessibleDescription(
    "That password is not right. Nothing was deleted.",
  );
  await expect(password).toBeFocused();
  await expect(page.getByText("That password is not right. Nothing was deleted.")).toHaveCount(1);
});

test("a wrong password at sign-in keeps the focus on the password field, the error announced", async ({
  page,
}) => {
  test.setTimeout(BUDGET.view);
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Email" }).fill("nobody.here@cairo.test");
  const password = page.getByLabel("Password");
  await password.fill("wrong password 123");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Wrong email or password." }),
  ).toBeVisible();
  await expect(password).toBeFocused();
  await expect(password).toHaveAccessibleDescription("Wrong email or password.");
  await expect(page.getByRole("textbox", { name: "Email" })).toHaveValue("nobody.here@cairo.test");
});

test("/register says a password error once, and focuses the field to fix", async ({ page }) => {
  test.setTimeout(BUDGET.view);
  await page.goto("/register");
  await page.getByRole("textbox", { name: "Name" }).fill("Short Password");
  await page.getByRole("textbox", { name: "Email" }).fill(`short.${Date.now()}@cairo.test`);
  const password = page.getByLabel("Password");
  await password.fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  const message = "Passwords have at least 8 characters.";
  await expect(password).toHaveAccessibleDescription(message);
  await expect(page.getByText(message)).toHaveCount(1);
  await expect(password).toBeFocused();
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveValue("Short Password");
});
