import { expect, type Locator, test } from "@playwright/test";
import { messageArticles, openConversation, registerPerson, sendMessage } from "./helpers";
import { seedMessages, userIdByEmail } from "./seed";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The opacity a message action's toolbar has now (it fades: poll it). */
function toolbarOpacity(button: Locator) {
  return () =>
    button.evaluate((element) => {
      const toolbar = element.closest("[data-toolbar]");
      if (!toolbar) throw new Error("not in a message's toolbar");
      return getComputedStyle(toolbar).opacity;
    });
}

test("a dense timeline: grouped senders, day separators, compact times with the full date", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const adaId = userIdByEmail(ada.email);
  const boId = userIdByEmail(bo.email);
  const now = Date.now();
  seedMessages([
    {
      senderId: adaId,
      receiverId: boId,
      content: "two days ago",
      createdAt: now - 2 * DAY,
      read: true,
    },
    {
      senderId: adaId,
      receiverId: boId,
      content: "two days ago, again",
      createdAt: now - 2 * DAY + MINUTE,
      read: true,
    },
    {
      senderId: boId,
      receiverId: adaId,
      content: "yesterday from Bo",
      createdAt: now - DAY,
      read: true,
    },
    {
      senderId: adaId,
      receiverId: boId,
      content: "today first",
      createdAt: now - 4 * MINUTE,
      read: true,
    },
    {
      senderId: adaId,
      receiverId: boId,
      content: "today second",
      createdAt: now - 3 * MINUTE,
      read: true,
    },
    {
      senderId: adaId,
      receiverId: boId,
      content: "today third",
      createdAt: now - 2 * MINUTE,
      read: true,
    },
  ]);
  await openConversation(bo, ada);
  const region = bo.page.getByRole("region", { name: "Messages" });
  await expect(messageArticles(bo)).toHaveCount(6);
  await expect(region.getByText("Today", { exact: true })).toBeVisible();
  await expect(region.getByText("Yesterday", { exact: true })).toBeVisible();
  const twoDaysAgo = new Date(now - 2 * DAY).toLocaleDateString("en-US", {
    month: "long",
    day: "numeric",
  });
  await expect(region.getByText(new RegExp(twoDaysAgo))).toBeVisible();

  // Every message is its own article named by its sender, grouped or not.
  await expect(region.getByRole("article", { name: ada.name })).toHaveCount(5);
  await expect(region.getByRole("article", { name: bo.name })).toHaveCount(1);
  const grouped = ["two days ago, again", "today second", "today third"];
  const heads = ["two days ago", "yesterday from Bo", "today first"];
  for (const content of grouped) {
    const article = region.getByRole("article").filter({ hasText: content });
    await expect(article).toHaveAttribute("data-grouped", "true");
    // The name is there for screen readers, visually hidden.
    const header = article.locator("header");
    await expect(header).toContainText(ada.name);
    expect((await header.boundingBox())?.width ?? 0).toBeLessThanOrEqual(1);
  }
  for (const content of heads) {
    const article = region
      .getByRole("article")
      .filter({ has: bo.page.getByText(content, { exact: true }) });
    await expect(article).toHaveAttribute("data-grouped", "false");
  }

  // A compact time, the full date in dateTime and in the title (the tooltip).
  const time = region.getByRole("article").filter({ hasText: "today first" }).locator("time");
  await expect(time).toHaveText(/^\d{1,2}:\d{2}/);
  await expect(time).toHaveAttribute("datetime", new Date(now - 4 * MINUTE).toISOString());
  await expect(time).toHaveAttribute("title", /\d{4}/);
});

test("message actions show on hover and focus, and stay in the accessibility tree", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(ada, bo);
  await sendMessage(ada, "hover over me");
  await sendMessage(ada, "second one");
  const article = messageArticles(ada).filter({ hasText: "hover over me" });
  const edit = article.getByRole("button", { name: "Edit" });
  // Present as buttons (by role) while faded out.
  await expect(article.getByRole("button", { name: "Reply" })).toHaveCount(1);
  await expect(article.getByRole("button", { name: "Delete" })).toHaveCount(1);
  await ada.page.mouse.move(0, 0);
  await ada.page.getByRole("textbox", { name: "Message" }).focus();
  await expect.poll(toolbarOpacity(edit)).toBe("0");

  await article.hover();
  await expect.poll(toolbarOpacity(edit)).toBe("1");
  await ada.page.mouse.move(0, 0);
  await expect.poll(toolbarOpacity(edit)).toBe("0");

  // Keyboard: Shift+Tab from the composer, past its "Attach files", lands on the last
  // message (the message list is one tab stop), its actions shown.
  await ada.page.getByRole("textbox", { name: "Message" }).focus();
  await ada.page.keyboard.press("Shift+Tab");
  await expect(ada.page.getByRole("button", { name: "Attach files" })).toBeFocused();
  await ada.page.keyboard.press("Shift+Tab");
  const last = messageArticles(ada).filter({ hasText: "second one" });
  await expect(last).toBeFocused();
  await expect.poll(toolbarOpacity(last.getByRole("button", { name: "Edit" }))).toBe("1");

  // Reachable by keyboard: focus "Edit" and press Enter.
  await edit.focus();
  await expect.poll(toolbarOpacity(edit)).toBe("1");
  await ada.page.keyboard.press("Enter");
  await expect(ada.page.getByRole("textbox", { name: "Edit message" })).toBeFocused();
  await ada.page.keyboard.press("Escape");
  await expect(ada.page.getByRole("textbox", { name: "Edit message" })).toHaveCount(0);

  // Escape closes the delete confirmation and gives "Delete" the focus back.
  await article.getByRole("button", { name: "Delete" }).focus();
  await ada.page.keyboard.press("Enter");
  await expect(article.getByRole("button", { name: "Yes, delete" })).toBeFocused();
  await ada.page.keyboard.press("Escape");
  await expect(article.getByRole("button", { name: "Yes, delete" })).toHaveCount(0);
  await expect(article.getByRole("button", { name: "Delete" })).toBeFocused();
});

test("message actions open from a tap on the message on a touch screen", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(ada, bo);
  await sendMessage(ada, "on a phone");
  const context = await browser.newContext({
    hasTouch: true,
    isMobile: true,
    viewport: { width: 390, height: 800 },
    storageState: await ada.page.context().storageState(),
  });
  const phone = await context.newPage();
  await phone.goto(ada.page.url());
  const edit = phone
    .getByRole("article")
    .filter({ hasText: "on a phone" })
    .getByRole("button", { name: "Edit" });
  await expect.poll(toolbarOpacity(edit)).toBe("0");
  await phone.getByText("on a phone").tap();
  await expect(edit).toBeVisible();
  await expect.poll(toolbarOpacity(edit)).toBe("1");
  await context.close();
});

test("the composer has the focus: on open, after sending, editing and cancelling; Up arrow edits", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(ada, bo);
  const composer = ada.page.getByRole("textbox", { name: "Message" });
  await expect(composer).toHaveAttribute("id", "composer");
  await expect(composer).toBeFocused();

  await ada.page.keyboard.type("typed without clicking");
  await ada.page.keyboard.press("Enter");
  await expect(
    messageArticles(ada).filter({ hasText: "typed without clicking" }),
  ).not.toHaveAttribute("id", /^message--/);
  await expect(composer).toBeFocused();

  // Up arrow in the empty composer edits the last message; saving returns to the composer.
  await ada.page.keyboard.press("ArrowUp");
  const editBox = ada.page.getByRole("textbox", { name: "Edit message" });
  await expect(editBox).toBeFocused();
  await expect(editBox).toHaveValue("typed without clicking");
  await editBox.fill("typed, then edited");
  await ada.page.keyboard.press("Enter");
  const edited = messageArticles(ada).filter({ hasText: "typed, then edited" });
  await expect(edited).toContainText("(edited)");
  await expect(composer).toBeFocused();

  // Cancelling (Escape) returns there too.
  await ada.page.keyboard.press("ArrowUp");
  await expect(editBox).toBeFocused();
  await ada.page.keyboard.press("Escape");
  await expect(editBox).toHaveCount(0);
  await expect(composer).toBeFocused();

  // With text in the box, Up arrow is just the caret moving.
  await composer.fill("a draft");
  await ada.page.keyboard.press("ArrowUp");
  await expect(editBox).toHaveCount(0);
  await expect(composer).toHaveValue("a draft");
});
