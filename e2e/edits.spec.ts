import { expect, test } from "@playwright/test";
import { openConversation, registerPerson, sendMessage } from "./helpers";

test("edits keep a visible history that the other participant can read", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(ada, bo);
  await sendMessage(ada, "Meeting at noon");

  const messages = ada.page.getByRole("region", { name: "Messages" });
  for (const [from, to] of [
    ["Meeting at noon", "Meeting at one"],
    ["Meeting at one", "Meeting at two, room 4"],
  ] as const) {
    await messages
      .getByRole("article")
      .filter({ hasText: from })
      .getByRole("button", { name: "Edit", exact: true })
      .click();
    const editor = ada.page.getByRole("textbox", { name: "Edit message" });
    await expect(editor).toBeFocused();
    await editor.fill(to);
    await editor.press("Enter");
    await expect(messages.getByRole("article").filter({ hasText: to })).toContainText("(edited)");
  }

  // Escape cancels an edit without saving.
  await messages.getByRole("button", { name: "Edit", exact: true }).click();
  await ada.page.getByRole("textbox", { name: "Edit message" }).fill("never saved");
  await ada.page.getByRole("textbox", { name: "Edit message" }).press("Escape");
  await expect(ada.page.getByRole("textbox", { name: "Edit message" })).toHaveCount(0);
  await expect(messages.getByRole("article")).toContainText("Meeting at two, room 4");

  await openConversation(bo, ada);
  const message = bo.page.getByRole("region", { name: "Messages" }).getByRole("article");
  await expect(message).toContainText("(edited)");
  await expect(message.getByRole("button", { name: "Edit", exact: true })).toHaveCount(0);
  const opener = message.getByRole("button", { name: "View edit history" });
  await opener.click();

  const dialog = bo.page.getByRole("dialog", { name: "Edit history" });
  await expect(dialog).toBeVisible();
  const versions = dialog.getByRole("listitem");
  await expect(versions).toHaveCount(3);
  await expect(versions.nth(0)).toContainText("Meeting at two, room 4");
  await expect(versions.nth(1)).toContainText("Meeting at one");
  await expect(versions.nth(2)).toContainText("Meeting at noon");
  await expect(versions.nth(2)).toContainText("Original");
  await expect(versions.nth(0)).toContainText(ada.name);
  await expect(versions.nth(0).locator("ins")).toContainText("two, room 4");
  await expect(versions.nth(0).locator("del")).toContainText("one");

  await bo.page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});

test("the sender deletes a message after confirming", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(ada, bo);
  await sendMessage(ada, "delete me");
  await sendMessage(ada, "keep me");

  const messages = ada.page.getByRole("region", { name: "Messages" });
  await messages
    .getByRole("article")
    .filter({ hasText: "delete me" })
    .getByRole("button", { name: "Delete" })
    .click();
  await messages.getByRole("button", { name: "Yes, delete" }).click();
  await expect(messages.getByRole("article")).toHaveCount(1);
  await expect(messages.getByRole("article")).toContainText("keep me");

  await openConversation(bo, ada);
  await expect(bo.page.getByRole("region", { name: "Messages" }).getByRole("article")).toHaveCount(
    1,
  );
  await expect(bo.page.getByRole("button", { name: "Delete" })).toHaveCount(0);
});
