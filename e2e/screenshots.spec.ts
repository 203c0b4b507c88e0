import { expect, type Page, test } from "@playwright/test";
import { messageArticles, openConversation, registerPerson, sendMessage } from "./helpers";

async function capture(page: Page, name: string) {
  const path = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await test.info().attach(name, { path, contentType: "image/png" });
}

test("screenshots of every main view, on a desktop and a phone", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(ada, bo);
  await sendMessage(ada, "Morning! Did the release notes go out?");
  await sendMessage(ada, "Also: lunch at 1?");
  await openConversation(bo, ada);
  await messageArticles(bo).first().getByRole("button", { name: "Reply" }).click();
  await bo.page.getByRole("textbox", { name: "Reply" }).fill("Not yet, waiting on QA.");
  await bo.page.getByRole("button", { name: "Send reply" }).click();
  await openConversation(ada, bo);
  await messageArticles(ada).last().getByRole("button", { name: "Edit", exact: true }).click();
  await ada.page.getByRole("textbox", { name: "Edit message" }).fill("Also: lunch at 12:30?");
  await ada.page.getByRole("textbox", { name: "Edit message" }).press("Enter");
  await sendMessage(bo, "Sure, 12:30 works");

  await ada.page.reload();
  await expect(messageArticles(ada)).toHaveCount(3);
  await capture(ada.page, "conversation");

  await messageArticles(ada)
    .filter({ hasText: "12:30?" })
    .getByRole("button", { name: "View edit history" })
    .click();
  await expect(
    ada.page.getByRole("dialog", { name: "Edit history" }).getByRole("listitem"),
  ).toHaveCount(2);
  await capture(ada.page, "edit-history");
  await ada.page.keyboard.press("Escape");

  await ada.page.getByRole("link", { name: /View thread/ }).click();
  await expect(ada.page.getByRole("tree", { name: "Thread" })).toBeVisible();
  await capture(ada.page, "thread");

  await bo.page.goto("/inbox");
  await capture(bo.page, "inbox");
  await bo.page.goto("/notifications");
  await capture(bo.page, "notifications");
  await bo.page.goto("/settings/account");
  await capture(bo.page, "delete-account");

  await ada.page.setViewportSize({ width: 390, height: 844 });
  await openConversation(ada, bo);
  await capture(ada.page, "conversation-phone");
  const overflow = await ada.page.evaluate(
    () => document.documentElement.scrollWidth > window.innerWidth,
  );
  expect(overflow).toBe(false);
});
