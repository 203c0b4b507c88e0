import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { messageArticles, openConversation, registerPerson, sendMessage } from "./helpers";

/**
 * Typing and presence between two browser contexts. A typing status lasts 6 s after its
 * latest signal; presence changes reach a viewer in the feed's next round (10 s): the
 * expectations wait for a condition (up to the config's 30 s), never for a duration.
 */
test("the typing status appears and goes; presence dots name the colleague's state", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(bo, ada);
  await openConversation(ada, bo);

  // Both tabs were just used: each sees the other active, beside the heading's avatar.
  const header = (page: typeof ada.page) => page.locator(".chat-pane > div").first();
  await expect(header(ada.page).getByRole("img", { name: "Active" })).toBeVisible();
  await expect(header(bo.page).getByRole("img", { name: "Active" })).toBeVisible();

  const typing = ada.page.getByRole("status").filter({ hasText: `${bo.name} is typing…` });
  const box = bo.page.getByRole("textbox", { name: "Message" });
  await box.pressSequentially("Hel");
  await expect(typing).toBeVisible();

  // The new controls pass axe while shown (no serious or critical violation).
  const { violations } = await new AxeBuilder({ page: ada.page })
    .include("[role=status]")
    .include("[role=img][aria-label]")
    .analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  // Bo's message arrives: the status goes with it.
  await box.fill("");
  await sendMessage(bo, "Hello Ada");
  await expect(messageArticles(ada).filter({ hasText: "Hello Ada" })).toBeVisible();
  await expect(typing).toBeHidden();

  // Typing again, then stopping: the status goes by itself (6 s after the latest signal).
  // One signal per 3 s per conversation: Bo's next one waits for that window to pass.
  await bo.page.waitForTimeout(3_100);
  await box.pressSequentially("Still");
  await expect(typing).toBeVisible();
  await expect(typing).toBeHidden();
  await expect(ada.page.getByRole("status").filter({ hasText: "typing" })).toHaveCount(0);

  // Bo appears in Ada's sidebar now that they have talked, with a dot of its own.
  const sidebar = ada.page.getByRole("navigation", { name: "Conversations" });
  await expect(
    sidebar.locator("li").filter({ hasText: bo.name }).getByRole("img"),
  ).toHaveAccessibleName("Active");

  // Bo closes every tab: Ada sees Bo offline in the feed's next round.
  await bo.page.context().close();
  await expect(header(ada.page).getByRole("img", { name: "Offline" })).toBeVisible();
});
