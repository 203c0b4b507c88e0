import { expect, test } from "@playwright/test";
import { BUDGET, openConversation, PASSWORD, registerPerson, sendMessage } from "./helpers";

test("a message reaches its receiver, who is notified", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");

  await openConversation(ada, bo);
  await sendMessage(ada, "Hello Bo, lunch at noon?");

  // Bo is notified before opening the conversation (seeing it there marks it read).
  await bo.page.goto("/messages");
  const nav = bo.page.getByRole("navigation");
  await expect(nav.getByRole("link", { name: /Notifications/ })).toHaveText(/Notifications\s*1/);

  await openConversation(bo, ada);
  const message = bo.page.getByRole("region", { name: "Messages" }).getByRole("article");
  await expect(message).toHaveCount(1);
  await expect(message).toContainText(ada.name);
  await expect(message).toContainText("Hello Bo, lunch at noon?");

  await nav.getByRole("link", { name: /Notifications/ }).click();
  await expect(bo.page.getByRole("heading", { name: "Notifications" })).toBeVisible();
  await expect(bo.page.getByRole("main").getByRole("listitem").first()).toContainText(
    `${ada.name} sent you a message`,
  );
});

test("empty and over-long messages are refused with a clear message", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(ada, bo);

  await ada.page.getByRole("textbox", { name: "Message" }).fill("   ");
  await ada.page.getByRole("button", { name: "Send" }).click();
  await expect(ada.page.getByRole("alert").filter({ hasText: /cannot be empty/ })).toBeVisible();

  const tooLong = "x".repeat(10_001);
  await ada.page.getByRole("textbox", { name: "Message" }).fill(tooLong);
  await ada.page.getByRole("button", { name: "Send" }).click();
  await expect(
    ada.page.getByRole("alert").filter({ hasText: /at most 10,000 characters/ }),
  ).toBeVisible();
  await expect(ada.page.getByRole("textbox", { name: "Message" })).toHaveValue(tooLong);
  await expect(ada.page.getByRole("region", { name: "Messages" }).getByRole("article")).toHaveCount(
    0,
  );
});

test("a wrong password shows an error and a right one signs in", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  const page = await (await browser.newContext()).newPage();
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Email" }).fill(ada.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Wrong email or password." }),
  ).toBeVisible();

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/messages$/);
  await expect(page.getByRole("navigation").getByRole("link", { name: "Messages" })).toBeVisible();
});

test("anonymous visitors are sent to /login", async ({ page }) => {
  test.setTimeout(BUDGET.page);
  await page.goto("/messages");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("signing out ends the session", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  await ada.page.getByRole("button", { name: "Sign out" }).click();
  await expect(ada.page).toHaveURL(/\/login/);
  await ada.page.goto("/notifications");
  await expect(ada.page).toHaveURL(/\/login/);
});
