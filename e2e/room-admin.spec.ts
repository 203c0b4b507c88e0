import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { E2E_ADMIN } from "./admin-account";
import { type Person, registerPerson, sendMessage } from "./helpers";

const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function privateRoomOf(person: Person, name: string) {
  await person.page
    .getByRole("navigation", { name: "Rooms" })
    .getByRole("button", { name: "Create room" })
    .click();
  const dialog = person.page.getByRole("dialog", { name: "Create room" });
  await dialog.getByRole("textbox", { name: "Room name" }).fill(name);
  await dialog.getByRole("radio", { name: "Private" }).check();
  await dialog.getByRole("button", { name: "Create room" }).click();
  await expect(person.page.getByRole("heading", { name: `#${name}` })).toBeVisible();
}

async function signInAsAdmin(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Email" }).fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/messages$/, { timeout: 90_000 });
  return page;
}

test("a room admin makes a member an admin and removes another, who loses the room at once", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const cy = await registerPerson(browser, "Cy");
  const name = `managed-${unique()}`;
  await privateRoomOf(ada, name);
  const roomUrl = ada.page.url();
  await ada.page.getByRole("button", { name: "Members" }).click();
  const members = ada.page.getByRole("dialog", { name: "Members" });
  for (const person of [bo, cy]) {
    await members.getByRole("searchbox", { name: "Add people" }).fill(person.email);
    await members.getByRole("option", { name: new RegExp(person.name) }).click();
    await expect(members.getByRole("listitem").filter({ hasText: person.name })).toBeVisible();
  }
  // No buttons on the admin's own row.
  const own = members.getByRole("listitem").filter({ hasText: ada.name });
  await expect(own.getByRole("button")).toHaveCount(0);
  expect(await seriousViolations(ada.page)).toEqual([]);

  const boRow = members.getByRole("listitem").filter({ hasText: bo.name });
  await boRow.getByRole("button", { name: "Make admin" }).click();
  await expect(boRow).toContainText("(admin)");
  await expect(boRow.getByRole("button", { name: "Make admin" })).toHaveCount(0);

  // Cy has the room open when removed: it stops for Cy at once.
  await cy.page.goto(roomUrl);
  await expect(cy.page.getByRole("heading", { name: `#${name}` })).toBeVisible();
  await members
    .getByRole("listitem")
    .filter({ hasText: cy.name })
    .getByRole("button", {
      name: "Remove",
    })
    .click();
  await expect(members.getByRole("listitem").filter({ hasText: cy.name })).toHaveCount(0);
  await ada.page.keyboard.press("Escape");
  await sendMessage(ada, "After Cy left");
  const response = await cy.page.goto(roomUrl);
  expect(response?.status()).toBe(404);

  // Bo, now an admin, sees the buttons too.
  await bo.page.goto(roomUrl);
  await bo.page.getByRole("button", { name: "Members" }).click();
  const boMembers = bo.page.getByRole("dialog", { name: "Members" });
  await expect(
    boMembers.getByRole("listitem").filter({ hasText: ada.name }).getByRole("button", {
      name: "Remove",
    }),
  ).toBeVisible();
});

test("the console lists every room with its counts, never its messages, and archives one", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const name = `console-${unique()}`;
  await privateRoomOf(ada, name);
  await sendMessage(ada, "Secret words for the room");

  const admin = await signInAsAdmin(browser);
  await admin.goto("/admin");
  const table = admin.getByRole("table", { name: "Rooms" });
  const row = table.getByRole("row").filter({ hasText: `#${name}` });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("cell").nth(0)).toHaveText("Private");
  await expect(row.getByRole("cell").nth(1)).toHaveText("1");
  await expect(row.getByRole("cell").nth(2)).toHaveText("1");
  await expect(admin.getByText("Secret words for the room")).toHaveCount(0);
  expect(await seriousViolations(admin)).toEqual([]);

  await row.getByRole("button", { name: "Archive" }).click();
  await expect(row).toContainText("Archived");
  await expect(
    admin.getByRole("listitem").filter({ hasText: `archived the room #${name}` }),
  ).toBeVisible();
  await ada.page.reload();
  await expect(ada.page.getByText("This room is archived")).toBeVisible();
  await expect(ada.page.getByRole("textbox", { name: "Message" })).toHaveCount(0);
});
