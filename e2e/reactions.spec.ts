import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { messageArticles, openConversation, registerPerson, sendMessage } from "./helpers";

/** A live change reaches the other screen well within this (see e2e/live.spec.ts). */
const LIVE = { timeout: 8_000 };

async function seriousViolations(page: Page, selectors: string[]) {
  let scan = new AxeBuilder({ page });
  for (const selector of selectors) scan = scan.include(selector);
  const { violations } = await scan.analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("a reaction appears live for the other person and toggles both ways", async ({ browser }) => {
  const amira = await registerPerson(browser, "Amira");
  const bilal = await registerPerson(browser, "Bilal");
  await openConversation(amira, bilal);
  await openConversation(bilal, amira);
  await sendMessage(amira, "Lunch at noon?");
  const onBilal = messageArticles(bilal).filter({ hasText: "Lunch at noon?" });
  await expect(onBilal).toBeVisible(LIVE);

  await onBilal.hover();
  await onBilal.getByRole("button", { name: "Add reaction" }).click();
  const dialog = bilal.page.getByRole("dialog", { name: "Add reaction" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("searchbox", { name: "Search emoji" }).fill("thumbs up");
  await expect(dialog.getByRole("button", { name: "👍 thumbs up" })).toBeVisible();
  expect(await seriousViolations(bilal.page, ["dialog[open]"])).toEqual([]);
  await dialog.getByRole("button", { name: "👍 thumbs up" }).click();
  await expect(dialog).toBeHidden();

  const bilalsOwn = onBilal.getByRole("button", { name: "👍 1: you" });
  await expect(bilalsOwn).toHaveAttribute("aria-pressed", "true");
  const onAmira = messageArticles(amira).filter({ hasText: "Lunch at noon?" });
  const seenByAmira = onAmira.getByRole("button", { name: `👍 1: ${bilal.name}` });
  await expect(seenByAmira).toBeVisible(LIVE);
  await expect(seenByAmira).toHaveAttribute("aria-pressed", "false");
  await expect(seenByAmira).toHaveAttribute("title", `👍 1: ${bilal.name}`);
  expect(await seriousViolations(amira.page, ['[aria-label="Reactions"]'])).toEqual([]);

  // Amira adds hers by clicking the reaction; Bilal takes his back.
  await seenByAmira.click();
  await expect(
    onAmira.getByRole("button", { name: `👍 2: ${bilal.name} and you` }),
  ).toHaveAttribute("aria-pressed", "true");
  await expect(onBilal.getByRole("button", { name: `👍 2: ${amira.name} and you` })).toBeVisible(
    LIVE,
  );
  await onBilal.getByRole("button", { name: `👍 2: ${amira.name} and you` }).click();
  await expect(onBilal.getByRole("button", { name: `👍 1: ${amira.name}` })).toHaveAttribute(
    "aria-pressed",
    "false",
  );
  await expect(onAmira.getByRole("button", { name: "👍 1: you" })).toBeVisible(LIVE);

  // The picker puts the emoji used lately first.
  await onBilal.hover();
  await onBilal.getByRole("button", { name: "Add reaction" }).click();
  await expect(
    dialog.getByRole("list", { name: "Emoji" }).getByRole("button").first(),
  ).toHaveAccessibleName("👍 thumbs up");
  await dialog.getByRole("searchbox", { name: "Search emoji" }).fill("tada");
  await dialog.getByRole("searchbox", { name: "Search emoji" }).press("Enter");
  await expect(onAmira.getByRole("button", { name: `🎉 1: ${bilal.name}` })).toBeVisible(LIVE);
});

test('"Seen" appears when the other person reads, and hides when they turn receipts off', async ({
  browser,
}) => {
  const amira = await registerPerson(browser, "Amira");
  const bilal = await registerPerson(browser, "Bilal");
  await openConversation(amira, bilal);
  await sendMessage(amira, "Did you get the file?");
  const seen = amira.page
    .getByRole("region", { name: "Messages" })
    .getByRole("status")
    .filter({
      hasText: /^Seen$/,
    });
  await expect(seen).toHaveCount(0);

  await openConversation(bilal, amira);
  await expect(messageArticles(bilal).filter({ hasText: "Did you get the file?" })).toBeVisible();
  await expect(seen).toBeVisible(LIVE);
  await expect(seen).toHaveAttribute("title", /^Seen .+/);

  await bilal.page.goto("/settings/notifications");
  const box = bilal.page.getByRole("checkbox", { name: "Send read receipts" });
  await expect(box).toBeChecked();
  expect(await seriousViolations(bilal.page, ["main"])).toEqual([]);
  await box.uncheck();
  await bilal.page.getByRole("button", { name: "Save read receipts" }).click();
  await expect(bilal.page.getByText("Read receipts saved.")).toBeVisible();
  await bilal.page.reload();
  await expect(bilal.page.getByRole("checkbox", { name: "Send read receipts" })).not.toBeChecked();

  await amira.page.reload();
  await expect(messageArticles(amira).filter({ hasText: "Did you get the file?" })).toBeVisible();
  await expect(seen).toHaveCount(0);
  // A new message read while receipts are off: still nothing, live or not.
  await sendMessage(amira, "And the slides?");
  await openConversation(bilal, amira);
  await expect(messageArticles(bilal).filter({ hasText: "And the slides?" })).toBeVisible();
  await amira.page.reload();
  await expect(messageArticles(amira).filter({ hasText: "And the slides?" })).toBeVisible();
  await expect(seen).toHaveCount(0);
});

test("in a room, a member's reaction reaches the others live", async ({ browser }) => {
  const amira = await registerPerson(browser, "Amira");
  const bilal = await registerPerson(browser, "Bilal");
  const name = `lunch-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  await amira.page
    .getByRole("navigation", { name: "Rooms" })
    .getByRole("button", { name: "Create room" })
    .click();
  const create = amira.page.getByRole("dialog", { name: "Create room" });
  await create.getByRole("textbox", { name: "Room name" }).fill(name);
  await create.getByRole("radio", { name: "Open" }).check();
  await create.getByRole("button", { name: "Create room" }).click();
  await expect(amira.page.getByRole("heading", { name: `#${name}` })).toBeVisible();
  await amira.page.getByRole("textbox", { name: "Message" }).fill("Pizza today?");
  await amira.page.getByRole("button", { name: "Send" }).click();
  const onAmira = messageArticles(amira).filter({ hasText: "Pizza today?" });
  await expect(onAmira).toBeVisible();

  await bilal.page.getByRole("link", { name: "Browse rooms" }).click();
  await bilal.page.getByRole("searchbox", { name: "Find a room" }).fill(name);
  await bilal.page.getByRole("searchbox", { name: "Find a room" }).press("Enter");
  const item = bilal.page.getByRole("listitem").filter({ hasText: `#${name}` });
  await item.getByRole("button", { name: "Join" }).click();
  await expect(item.getByText("Joined")).toBeVisible();
  await bilal.page
    .getByRole("navigation", { name: "Rooms" })
    .getByRole("link", { name: `#${name}` })
    .click();
  const onBilal = messageArticles(bilal).filter({ hasText: "Pizza today?" });
  await onBilal.hover();
  await onBilal.getByRole("button", { name: "Add reaction" }).click();
  const dialog = bilal.page.getByRole("dialog", { name: "Add reaction" });
  await dialog.getByRole("searchbox", { name: "Search emoji" }).fill("pizza");
  await dialog.getByRole("searchbox", { name: "Search emoji" }).press("Enter");
  await expect(onBilal.getByRole("button", { name: "🍕 1: you" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(onAmira.getByRole("button", { name: `🍕 1: ${bilal.name}` })).toBeVisible(LIVE);
});

test("Enter pressed while the emoji are still loading picks the first match once they arrive", async ({
  browser,
}) => {
  const amira = await registerPerson(browser, "Amira");
  const bilal = await registerPerson(browser, "Bilal");
  await openConversation(amira, bilal);
  await sendMessage(amira, "Coffee?");
  await openConversation(bilal, amira);
  const onBilal = messageArticles(bilal).filter({ hasText: "Coffee?" });
  await expect(onBilal).toBeVisible();

  // The emoji catalog is a script loaded on the dialog's first opening: hold scripts back
  // from here on, as a busy server or a slow network does.
  await bilal.page.route("**/_next/static/chunks/**", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await onBilal.hover();
  await onBilal.getByRole("button", { name: "Add reaction" }).click();
  const dialog = bilal.page.getByRole("dialog", { name: "Add reaction" });
  await dialog.getByRole("searchbox", { name: "Search emoji" }).fill("coffee");
  await expect(dialog.getByRole("list", { name: "Emoji" }).getByRole("listitem")).toHaveCount(0);
  await dialog.getByRole("searchbox", { name: "Search emoji" }).press("Enter");
  await expect(dialog).toBeHidden();
  // The first match for "coffee": hot beverage, with its emoji presentation selector.
  await expect(onBilal.getByRole("button", { name: "\u2615\uFE0F 1: you" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
});
