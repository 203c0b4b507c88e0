import { type Browser, expect, type Page } from "@playwright/test";

export const PASSWORD = "e2e-password-123";

let serial = 0;

export interface Person {
  name: string;
  email: string;
  page: Page;
}

/** Registers a new user in a browser context of their own and lands on /messages. */
export async function registerPerson(browser: Browser, first: string): Promise<Person> {
  const unique = `${Date.now().toString(36)}${(serial++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const name = `${first} ${unique}`;
  const email = `${first.toLowerCase()}.${unique}@cairo.test`;
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/register");
  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByRole("textbox", { name: "Email" }).fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/messages$/);
  return { name, email, page };
}

/** Opens the conversation with `other` from the colleague list. */
export async function openConversation(person: Person, other: Person) {
  await person.page.goto("/messages");
  await person.page.getByRole("link", { name: other.name }).click();
  await expect(person.page.getByRole("heading", { name: other.name })).toBeVisible();
}

export async function sendMessage(person: Person, content: string) {
  await person.page.getByRole("textbox", { name: "Message" }).fill(content);
  await person.page.getByRole("button", { name: "Send" }).click();
  await expect(
    person.page
      .getByRole("region", { name: "Messages" })
      .getByRole("article")
      .filter({ hasText: content }),
  ).toBeVisible();
}
