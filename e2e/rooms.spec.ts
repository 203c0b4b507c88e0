import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { registerPerson } from "./helpers";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function createRoom(page: Page, name: string, kind: "Open" | "Private", topic = "") {
  await page
    .getByRole("navigation", { name: "Rooms" })
    .getByRole("button", { name: "Create room" })
    .click();
  const dialog = page.getByRole("dialog", { name: "Create room" });
  await dialog.getByRole("textbox", { name: "Room name" }).fill(name);
  await dialog.getByRole("textbox", { name: "Topic" }).fill(topic);
  await dialog.getByRole("radio", { name: kind }).check();
  await dialog.getByRole("button", { name: "Create room" }).click();
}

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("an open room: created, refused names, browsed, joined, written in live, left", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const name = `team-${unique()}`;

  // Bad names are refused in the dialog, with what was typed kept.
  await createRoom(ada.page, "two words", "Open");
  const dialog = ada.page.getByRole("dialog", { name: "Create room" });
  await expect(dialog.getByRole("alert")).toContainText("letters, digits, - and _");
  await expect(dialog.getByRole("textbox", { name: "Room name" })).toHaveValue("two words");
  await dialog.getByRole("textbox", { name: "Room name" }).fill(name);
  await dialog.getByRole("textbox", { name: "Topic" }).fill("Where the team talks");
  await dialog.getByRole("button", { name: "Create room" }).click();
  await expect(ada.page.getByRole("heading", { name: `#${name}` })).toBeVisible();
  await expect(
    ada.page.getByRole("navigation", { name: "Rooms" }).getByRole("link", { name: `#${name}` }),
  ).toBeVisible();

  // The same name in another case is taken.
  await createRoom(ada.page, name.toUpperCase(), "Open");
  await expect(
    ada.page.getByRole("dialog", { name: "Create room" }).getByRole("alert"),
  ).toContainText("is taken");
  await ada.page.keyboard.press("Escape");

  await ada.page.getByRole("textbox", { name: "Message" }).fill("Welcome, **team**!");
  await ada.page.getByRole("button", { name: "Send" }).click();
  const adaMessages = ada.page.getByRole("region", { name: "Messages" }).getByRole("article");
  await expect(adaMessages).toHaveCount(1);
  await expect(adaMessages.first().locator("strong")).toHaveText("team");

  // Bo finds it in Browse rooms, reads it before joining, and joins.
  await bo.page.getByRole("link", { name: "Browse rooms" }).click();
  await expect(bo.page.getByRole("heading", { name: "Browse rooms" })).toBeVisible();
  await bo.page.getByRole("searchbox", { name: "Find a room" }).fill(name);
  await bo.page.getByRole("searchbox", { name: "Find a room" }).press("Enter");
  const item = bo.page.getByRole("listitem").filter({ hasText: `#${name}` });
  await expect(item).toHaveCount(1);
  expect(await seriousViolations(bo.page)).toEqual([]);
  await item.getByRole("button", { name: "Join" }).click();
  await expect(item.getByText("Joined")).toBeVisible();

  await bo.page
    .getByRole("navigation", { name: "Rooms" })
    .getByRole("link", { name: `#${name}` })
    .click();
  await expect(bo.page.getByRole("heading", { name: `#${name}` })).toBeVisible();
  await expect(bo.page.getByRole("region", { name: "Messages" }).getByRole("article")).toHaveCount(
    1,
  );
  expect(await seriousViolations(bo.page)).toEqual([]);

  // Bo writes; Ada, with the room open, sees it arrive live.
  await bo.page.getByRole("textbox", { name: "Message" }).fill("Hello from Bo");
  await bo.page.getByRole("button", { name: "Send" }).click();
  await expect(adaMessages).toHaveCount(2);
  await expect(adaMessages.nth(1)).toContainText("Hello from Bo");

  // The members dialog lists both.
  await bo.page.getByRole("button", { name: "Members" }).click();
  const members = bo.page.getByRole("dialog", { name: "Members" });
  await expect(members.getByRole("listitem")).toHaveCount(2);
  await bo.page.keyboard.press("Escape");

  await bo.page.getByRole("button", { name: "Leave room" }).click();
  await expect(bo.page.getByRole("heading", { name: "Browse rooms" })).toBeVisible();
  await expect(
    bo.page.getByRole("navigation", { name: "Rooms" }).getByRole("link", { name: `#${name}` }),
  ).toHaveCount(0);

  // Archived: read-only, with no composer.
  await ada.page.getByRole("button", { name: "Archive room" }).click();
  await expect(ada.page.getByText("This room is archived")).toBeVisible();
  await expect(ada.page.getByRole("textbox", { name: "Message" })).toHaveCount(0);
});

test("a private room: members add colleagues; anyone else gets a 404", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const eve = await registerPerson(browser, "Eve");
  const name = `secret-${unique()}`;
  await createRoom(ada.page, name, "Private");
  await expect(ada.page.getByRole("heading", { name: `#${name}` })).toBeVisible();
  const roomUrl = ada.page.url();

  await ada.page.getByRole("button", { name: "Members" }).click();
  const members = ada.page.getByRole("dialog", { name: "Members" });
  await members.getByRole("searchbox", { name: "Add people" }).fill(bo.email);
  await members.getByRole("option", { name: new RegExp(bo.name) }).click();
  await expect(members.getByRole("listitem").filter({ hasText: bo.name })).toBeVisible();
  await ada.page.keyboard.press("Escape");

  await ada.page.getByRole("textbox", { name: "Message" }).fill("Only for us");
  await ada.page.getByRole("button", { name: "Send" }).click();
  await expect(ada.page.getByRole("region", { name: "Messages" }).getByRole("article")).toHaveCount(
    1,
  );

  await bo.page.goto("/messages");
  const link = bo.page.getByRole("navigation", { name: "Rooms" }).getByRole("link", {
    name: new RegExp(`#${name}`),
  });
  await expect(link).toContainText("1");
  await link.click();
  await expect(bo.page.getByRole("region", { name: "Messages" })).toContainText("Only for us");

  // Muted, the room shows no count; unmuted, it counts again.
  await bo.page.getByRole("button", { name: "Mute room" }).click();
  await expect(bo.page.getByRole("button", { name: "Unmute room" })).toBeVisible();
  await ada.page.getByRole("textbox", { name: "Message" }).fill("While muted");
  await ada.page.getByRole("button", { name: "Send" }).click();
  await bo.page.goto("/messages");
  await expect(
    bo.page
      .getByRole("navigation", { name: "Rooms" })
      .getByRole("link", { name: `#${name}`, exact: true }),
  ).toBeVisible();

  const response = await eve.page.goto(roomUrl);
  expect(response?.status()).toBe(404);
  await eve.page.goto("/rooms");
  await expect(eve.page.getByText(`#${name}`)).toHaveCount(0);
  const api = await eve.page.request.get(`/api/rooms/${roomUrl.split("/").pop()}`);
  expect(api.status()).toBe(404);
});
