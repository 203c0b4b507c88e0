import { expect, test } from "@playwright/test";
import { registerPerson } from "./helpers";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("@room is offered in a room, and editing shows mentions as the composer writes them", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const name = `edit-mentions-${unique()}`;
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
  await box.pressSequentially("@ro");
  const suggestions = ada.page.getByRole("listbox", { name: "Mention suggestions" });
  await suggestions.getByRole("option", { name: "Everyone in the room" }).click();
  await expect(box).toHaveValue("@room ");
  await box.pressSequentially("standup with @Bo");
  await suggestions.getByRole("option", { name: bo.name }).click();
  await box.press("Enter");

  const message = ada.page.getByRole("region", { name: "Messages" }).getByRole("article");
  await expect(message).toHaveCount(1);
  await expect(message.locator("[data-mention]")).toHaveText(["@room", `@${bo.name}`]);

  await message.hover();
  await message.getByRole("button", { name: "Edit", exact: true }).click();
  const editor = ada.page.getByRole("textbox", { name: "Edit message" });
  // The composer's form, never the stored `@**Name|id**`.
  await expect(editor).toHaveValue(new RegExp(`^@room standup with @\\*\\*${bo.name}\\*\\*\\s*$`));
  await editor.fill(`@room standup moved, @**${bo.name}**`);
  await editor.press("Enter");
  await expect(editor).toHaveCount(0);
  await expect(message).toContainText("standup moved");
  await expect(message.locator("[data-mention]")).toHaveText(["@room", `@${bo.name}`]);
});
