import { expect, test } from "@playwright/test";
import { openConversation, otherIdFromUrl, registerPerson, sendMessage } from "./helpers";

test("Alt+Up/Down moves between conversations, Alt+Shift between unread ones", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const cy = await registerPerson(browser, "Cy");
  const dee = await registerPerson(browser, "Dee");
  const ids: Record<string, number> = {};
  for (const [key, other] of [
    ["bo", bo],
    ["cy", cy],
    ["dee", dee],
  ] as const) {
    await openConversation(ada, other);
    await sendMessage(ada, `hello ${key}`);
    ids[key] = otherIdFromUrl(ada);
  }
  // Newest activity first: Bo (who answers, unread for Ada), Dee, Cy.
  await openConversation(bo, ada);
  await sendMessage(bo, "an answer Ada has not read");

  await ada.page.goto(`/messages/${ids.dee}`);
  await expect(ada.page.getByRole("heading", { name: dee.name })).toBeVisible();
  await ada.page.keyboard.press("Alt+ArrowDown");
  await expect(ada.page).toHaveURL(new RegExp(`/messages/${ids.cy}$`));
  await expect(ada.page.getByRole("heading", { name: cy.name })).toBeVisible();
  await ada.page.keyboard.press("Alt+ArrowUp");
  await expect(ada.page).toHaveURL(new RegExp(`/messages/${ids.dee}$`));
  await expect(ada.page.getByRole("heading", { name: dee.name })).toBeVisible();

  // Only unread: from Cy, past Dee, to Bo.
  await ada.page.goto(`/messages/${ids.cy}`);
  await expect(ada.page.getByRole("heading", { name: cy.name })).toBeVisible();
  await ada.page.keyboard.press("Alt+Shift+ArrowUp");
  await expect(ada.page).toHaveURL(new RegExp(`/messages/${ids.bo}$`));
  await expect(ada.page.getByRole("article").filter({ hasText: "an answer Ada" })).toBeVisible();
});
