import { type Browser, expect, type Page, test } from "@playwright/test";
import { E2E_ADMIN } from "./admin-account";
import { openConversation, PASSWORD, type Person, registerPerson, sendMessage } from "./helpers";

/** The e2e database's admin (its first account, registered by the global setup). */
async function signInAsAdmin(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Email" }).fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/messages$/, { timeout: 90_000 });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { name: "Admin", exact: true })).toBeVisible();
  return page;
}

/** Finds a person's row in the users table through the search box. */
async function userRow(admin: Page, person: Person) {
  await admin.getByRole("searchbox", { name: "Search users" }).fill(person.email);
  // A plain GET form: the page loads again. Wait for it, or the row found may be the old
  // page's, about to be replaced (a dialog opened there closes with it).
  await Promise.all([
    admin.waitForEvent("load"),
    admin.getByRole("button", { name: "Search", exact: true }).click(),
  ]);
  const row = admin
    .getByRole("table", { name: "Users" })
    .getByRole("row")
    .filter({ hasText: person.email });
  await expect(row).toHaveCount(1);
  return row;
}

function auditEntry(admin: Page, what: string, person: Person) {
  return admin
    .getByRole("listitem")
    .filter({ hasText: `${E2E_ADMIN.name}` })
    .filter({ hasText: `${what} ${person.name}` });
}

async function signIn(person: Person) {
  await person.page.goto("/login");
  await person.page.getByRole("textbox", { name: "Email" }).fill(person.email);
  await person.page.getByLabel("Password").fill(PASSWORD);
  await person.page.getByRole("button", { name: "Sign in" }).click();
}

test("deactivating ends a live session and sign-in; reactivating restores both", async ({
  browser,
}) => {
  const bo = await registerPerson(browser, "Bo");
  const cy = await registerPerson(browser, "Cy");
  await openConversation(cy, bo);
  await sendMessage(cy, "Before Bo left");
  const admin = await signInAsAdmin(browser);

  // Bo sits on a page with its live stream open.
  await bo.page.goto("/messages");
  await expect(bo.page.getByRole("link", { name: cy.name })).toBeVisible();

  // Wait for the action's own refresh before searching again: the search is a full page
  // load, which would cancel an action still in flight.
  const boRow = await userRow(admin, bo);
  await boRow.getByRole("button", { name: "Deactivate" }).click();
  await expect(boRow.getByRole("button", { name: "Reactivate" })).toBeVisible();
  await expect(await userRow(admin, bo)).toContainText("Deactivated");

  // Bo's open page is signed out at once, by its stream.
  await expect(bo.page).toHaveURL(/\/login\?deactivated=1/);
  await expect(bo.page.getByText("Your account has been deactivated.")).toBeVisible();
  await signIn(bo);
  await expect(
    bo.page.getByRole("alert").filter({ hasText: "This account has been deactivated." }),
  ).toBeVisible();

  // Cy still reads the conversation, sees the mark, and cannot send Bo anything new.
  await openConversation(cy, bo);
  await expect(cy.page.getByRole("heading", { name: `${bo.name} (deactivated)` })).toBeVisible();
  await expect(cy.page.getByRole("article").filter({ hasText: "Before Bo left" })).toBeVisible();
  await cy.page.getByRole("textbox", { name: "Message" }).fill("Are you there?");
  await cy.page.getByRole("button", { name: "Send" }).click();
  await expect(
    cy.page
      .getByRole("alert")
      .filter({ hasText: "has been deactivated and cannot receive messages" }),
  ).toBeVisible();

  const boRowAgain = await userRow(admin, bo);
  await boRowAgain.getByRole("button", { name: "Reactivate" }).click();
  await expect(boRowAgain.getByRole("button", { name: "Deactivate" })).toBeVisible();
  await signIn(bo);
  await expect(bo.page).toHaveURL(/\/messages$/, { timeout: 90_000 });
  await openConversation(cy, bo);
  await expect(cy.page.getByRole("heading", { name: bo.name })).not.toContainText("deactivated");
  await sendMessage(cy, "Welcome back");

  await admin.goto("/admin");
  await expect(auditEntry(admin, "deactivated", bo)).toHaveCount(1);
  await expect(auditEntry(admin, "reactivated", bo)).toHaveCount(1);
  // Metadata only: no message content anywhere in the console.
  await expect(admin.getByRole("main")).not.toContainText("Before Bo left");
});

test("deleting an account from the console asks first, cleans up and is audited", async ({
  browser,
}) => {
  const bo = await registerPerson(browser, "Bo");
  const cy = await registerPerson(browser, "Cy");
  await openConversation(cy, bo);
  await sendMessage(cy, "Message to a leaver");
  const admin = await signInAsAdmin(browser);
  await bo.page.goto("/messages");
  await expect(bo.page.getByRole("link", { name: cy.name })).toBeVisible();

  await (await userRow(admin, bo)).getByRole("button", { name: "Delete account" }).click();
  const dialog = admin.getByRole("dialog", { name: `Delete the account of ${bo.name}?` });
  await expect(dialog).toContainText(bo.email);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(await userRow(admin, bo)).toBeVisible();

  await (await userRow(admin, bo)).getByRole("button", { name: "Delete account" }).click();
  await dialog.getByRole("button", { name: "Delete permanently" }).click();
  await expect(auditEntry(admin, "deleted the account of", bo)).toHaveCount(1);
  await expect(
    admin.getByRole("table", { name: "Users" }).getByRole("row").filter({ hasText: bo.email }),
  ).toHaveCount(0);

  await expect(bo.page).toHaveURL(/\/login\?deleted=1/);
  await signIn(bo);
  await expect(
    bo.page.getByRole("alert").filter({ hasText: "Wrong email or password." }),
  ).toBeVisible();
  await cy.page.goto("/messages");
  await expect(cy.page.getByRole("link", { name: bo.name })).toHaveCount(0);
});

test("members get a 404 at /admin and no Admin link", async ({ browser }) => {
  const mo = await registerPerson(browser, "Mo");
  await expect(
    mo.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }),
  ).toHaveCount(0);
  const response = await mo.page.goto("/admin");
  expect(response?.status()).toBe(404);
  await expect(mo.page.getByRole("heading", { name: "Admin", exact: true })).toHaveCount(0);
});
