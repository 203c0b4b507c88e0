import { expect, test } from "@playwright/test";
import { openConversation, PASSWORD, registerPerson } from "./helpers";

test("signing in and sending work before any JavaScript runs", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(ada, bo);
  const conversation = ada.page.url();

  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Email" }).fill(ada.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/messages$/);

  await page.goto(conversation);
  await page.getByRole("textbox", { name: "Message" }).fill("sent without JavaScript");
  await page.getByRole("button", { name: "Send" }).click();
  await page.goto(conversation);
  await expect(
    page
      .getByRole("region", { name: "Messages" })
      .getByRole("article")
      .filter({ hasText: "sent without JavaScript" }),
  ).toBeVisible();
  await context.close();
});
