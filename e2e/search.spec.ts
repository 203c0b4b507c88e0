import { expect, test } from "@playwright/test";
import { openConversation, PASSWORD, registerPerson, sendMessage } from "./helpers";

test("search finds your messages with highlights, opens them, and shows nobody else's", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const cy = await registerPerson(browser, "Cy");
  await openConversation(ada, bo);
  await sendMessage(ada, "The quarterly report is ready for review");
  await sendMessage(ada, "Lunch at noon?");
  const root = ada.page.getByRole("article").filter({ hasText: "Lunch at noon?" });
  await root.getByRole("button", { name: "Reply" }).click();
  await ada.page.getByRole("textbox", { name: "Reply" }).fill("Or the quarterly picnic instead");
  await ada.page.getByRole("button", { name: "Send reply" }).click();
  await expect(ada.page.getByRole("link", { name: /View thread/ })).toBeVisible();

  // `/` outside a text field goes to the search page with the box focused.
  await bo.page.goto("/inbox");
  await bo.page.getByRole("heading", { name: "Inbox" }).click();
  await bo.page.keyboard.press("/");
  await expect(bo.page).toHaveURL(/\/search$/);
  const box = bo.page.getByRole("searchbox", { name: "Search messages" });
  await expect(box).toBeFocused();
  await box.fill("quarterly");
  await box.press("Enter");
  await expect(bo.page).toHaveURL(/\/search\?q=quarterly/);

  const results = bo.page.getByRole("article");
  await expect(results).toHaveCount(2);
  // Newest first: the reply, then the top-level message.
  await expect(results.nth(0)).toContainText("Or the quarterly picnic instead");
  await expect(results.nth(1)).toContainText("The quarterly report is ready for review");
  await expect(results.nth(1).locator("mark")).toHaveText("quarterly");
  await expect(results.nth(1)).toContainText(ada.name);
  await expect(results.nth(1).locator("time")).toHaveCount(1);

  // A top-level message opens the conversation at that message.
  await results.nth(1).getByRole("link", { name: "Open in conversation" }).click();
  await expect(bo.page).toHaveURL(/\/messages\/\d+\?at=\d+#message-\d+$/);
  const anchor = new URL(bo.page.url()).hash.slice(1);
  await expect(bo.page.locator(`[id="${anchor}"]`)).toContainText("The quarterly report");

  // A reply opens its thread.
  await bo.page.goBack();
  await bo.page
    .getByRole("article")
    .filter({ hasText: "picnic" })
    .getByRole("link", { name: "Open in conversation" })
    .click();
  await expect(bo.page).toHaveURL(/\/thread\/\d+#message-\d+$/);
  await expect(bo.page.getByRole("tree", { name: "Thread" })).toContainText("quarterly picnic");

  // Someone outside the conversation finds nothing; the empty state says so.
  await cy.page.goto("/search?q=quarterly");
  await expect(cy.page.getByText("No messages match")).toBeVisible();
  await expect(cy.page.getByRole("article")).toHaveCount(0);
});

test("/ reaches search from any page, and bad queries get a message", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  await ada.page.goto("/settings/account");
  // Ctrl+K is the quick switcher's (e2e/search-nav.spec.ts); `/` searches. A key pressed
  // before the page has hydrated reaches no handler (a loaded CI machine): press again.
  await expect(async () => {
    await ada.page.keyboard.press("/");
    await expect(ada.page).toHaveURL(/\/search$/, { timeout: 2_000 });
  }).toPass();
  const box = ada.page.getByRole("searchbox", { name: "Search messages" });
  await expect(box).toBeFocused();

  // Typing `/` in the search box is text, not the shortcut.
  await box.fill("");
  await box.pressSequentially("a/b");
  await expect(box).toHaveValue("a/b");

  await box.fill('" * ( )');
  await box.press("Enter");
  await expect(ada.page.getByText(/Type at least one word to search for/)).toBeVisible();

  await ada.page.getByRole("searchbox", { name: "Search messages" }).fill("nothing-like-this");
  await ada.page.getByRole("searchbox", { name: "Search messages" }).press("Enter");
  await expect(ada.page.getByText("No messages match")).toBeVisible();
});

test("the search page works before any JavaScript runs", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(ada, bo);
  await sendMessage(ada, "A walrus without script");

  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Email" }).fill(bo.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/messages$/);

  await page.goto("/search");
  await page.getByRole("searchbox", { name: "Search messages" }).fill("WALRUS");
  await page.getByRole("button", { name: "Search" }).click();
  const result = page.getByRole("article");
  await expect(result).toHaveCount(1);
  await expect(result.locator("mark")).toHaveText("walrus");
  await expect(result.getByRole("link", { name: "Open in conversation" })).toHaveAttribute(
    "href",
    /^\/messages\/\d+\?at=\d+#message-\d+$/,
  );
  await context.close();
});
