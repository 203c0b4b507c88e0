import { expect, test } from "@playwright/test";
import { openConversation, registerPerson, sendMessage } from "./helpers";

test("the inbox empties when the receiver reads the conversation", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(ada, bo);
  await sendMessage(ada, "First unread");
  await sendMessage(ada, "Second unread");

  await bo.page.goto("/inbox");
  const inboxLink = bo.page.getByRole("navigation").getByRole("link", { name: /Inbox/ });
  await expect(inboxLink).toHaveText(/Inbox\s*2/);
  await expect(bo.page.getByRole("heading", { name: "Inbox" })).toBeVisible();
  const unread = bo.page.getByRole("article");
  await expect(unread).toHaveCount(2);
  await expect(unread.nth(0)).toContainText("Second unread");
  await expect(unread.nth(0)).toContainText(ada.name);

  await openConversation(bo, ada);
  await expect(inboxLink).toHaveText(/^\s*Inbox\s*$/);
  await bo.page.goto("/inbox");
  await expect(bo.page.getByText("No unread messages")).toBeVisible();
  await expect(bo.page.getByRole("article")).toHaveCount(0);

  // "Mark as unread" brings a message back.
  await openConversation(bo, ada);
  await bo.page
    .getByRole("article")
    .filter({ hasText: "First unread" })
    .getByRole("button", { name: "Mark as unread" })
    .click();
  await expect(inboxLink).toHaveText(/Inbox\s*1/);
  await bo.page.goto("/inbox");
  await expect(bo.page.getByRole("article")).toHaveCount(1);
  await bo.page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(bo.page.getByText("No unread messages")).toBeVisible();
  await expect(inboxLink).toHaveText(/^\s*Inbox\s*$/);
});

test("notifications stand out until opened, and mark all as read clears them", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(ada, bo);
  await sendMessage(ada, "ping one");
  await sendMessage(ada, "ping two");

  await bo.page.goto("/notifications");
  await expect(bo.page.getByRole("heading", { name: "Notifications" })).toBeVisible();
  const items = bo.page.getByRole("main").getByRole("listitem");
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText("ping two");
  await expect(items.nth(0)).toContainText("(unread)");
  const nav = bo.page.getByRole("navigation").getByRole("link", { name: /Notifications/ });
  await expect(nav).toHaveText(/Notifications\s*2/);

  await bo.page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(nav).toHaveText(/^\s*Notifications\s*$/);
  await expect(items.nth(0)).not.toContainText("(unread)");
});
