import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { openConversation, registerPerson } from "./helpers";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("a mention in a room: picked with the keyboard, highlighted for the mentioned, in their notifications", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const name = `mentions-${unique()}`;
  await ada.page
    .getByRole("navigation", { name: "Rooms" })
    .getByRole("button", { name: "Create room" })
    .click();
  const create = ada.page.getByRole("dialog", { name: "Create room" });
  await create.getByRole("textbox", { name: "Room name" }).fill(name);
  await create.getByRole("radio", { name: "Private" }).check();
  await create.getByRole("button", { name: "Create room" }).click();
  await expect(ada.page.getByRole("heading", { name: `#${name}` })).toBeVisible();
  await ada.page.getByRole("button", { name: "Members" }).click();
  const members = ada.page.getByRole("dialog", { name: "Members" });
  await members.getByRole("searchbox", { name: "Add people" }).fill(bo.email);
  await members.getByRole("option", { name: new RegExp(bo.name) }).click();
  await expect(members.getByRole("listitem").filter({ hasText: bo.name })).toBeVisible();
  await ada.page.keyboard.press("Escape");

  const box = ada.page.getByRole("textbox", { name: "Message" });
  await box.click();
  await box.pressSequentially("Look @Bo");
  const suggestions = ada.page.getByRole("listbox", { name: "Mention suggestions" });
  await expect(suggestions.getByRole("option", { name: bo.name })).toBeVisible();
  await expect(box).toHaveAttribute("aria-activedescendant", /.+/);
  expect(await seriousViolations(ada.page)).toEqual([]);
  // Escape closes the list and keeps the text; typing brings it back; Enter picks.
  await box.press("Escape");
  await expect(suggestions).toHaveCount(0);
  await box.pressSequentially(" ");
  await box.press("Backspace");
  await expect(suggestions.getByRole("option", { name: bo.name })).toBeVisible();
  await box.press("ArrowDown");
  await box.press("Enter");
  await expect(suggestions).toHaveCount(0);
  await expect(box).toHaveValue(`Look @**${bo.name}** `);
  await box.pressSequentially("at this");
  await box.press("Enter");

  const adaView = ada.page.getByRole("region", { name: "Messages" }).getByRole("article");
  await expect(adaView).toHaveCount(1);
  const chip = adaView.first().locator("[data-mention]");
  await expect(chip).toHaveText(`@${bo.name}`);
  await expect(chip).not.toHaveClass(/mention-you/);

  await bo.page.goto("/notifications");
  const notification = bo.page.getByRole("link", {
    name: new RegExp(`${ada.name} mentioned you in #${name}`),
  });
  await expect(notification).toBeVisible();
  await notification.click();
  await expect(bo.page.getByRole("heading", { name: `#${name}` })).toBeVisible();
  const mine = bo.page.getByRole("region", { name: "Messages" }).locator(".mention-you");
  await expect(mine).toHaveText(`@${bo.name} (mentions you)`);
});

test("a mention in a direct message: picked with the mouse, one notification", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(bo, ada);
  const box = bo.page.getByRole("textbox", { name: "Message" });
  await box.pressSequentially("thanks @");
  const suggestions = bo.page.getByRole("listbox", { name: "Mention suggestions" });
  // The other person of the conversation, and nobody else.
  await expect(suggestions.getByRole("option")).toHaveCount(1);
  await suggestions.getByRole("option", { name: ada.name }).click();
  await expect(box).toBeFocused();
  await box.pressSequentially("for the review");
  await box.press("Enter");
  const sent = bo.page.getByRole("region", { name: "Messages" }).getByRole("article");
  await expect(sent.locator("[data-mention]")).toHaveText(`@${ada.name}`);

  await ada.page.goto("/notifications");
  // One notification for the message, saying it mentions Ada (not a second "sent you").
  await expect(
    ada.page.getByRole("link", { name: new RegExp(`${bo.name} (mentioned you|sent you)`) }),
  ).toHaveCount(1);
  await expect(
    ada.page.getByRole("link", { name: new RegExp(`${bo.name} mentioned you`) }),
  ).toBeVisible();
  await openConversation(ada, bo);
  await expect(
    ada.page.getByRole("region", { name: "Messages" }).locator(".mention-you"),
  ).toHaveText(`@${ada.name} (mentions you)`);
});
