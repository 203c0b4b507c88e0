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

/** The id in /messages/[id] after openConversation: the other person's user id. */
export function otherIdFromUrl(person: Person): number {
  const match = person.page.url().match(/\/messages\/(\d+)/);
  if (!match?.[1]) throw new Error(`not on a conversation page: ${person.page.url()}`);
  return Number(match[1]);
}

export function conversationTag(a: number, b: number) {
  return `conv:${Math.min(a, b)}-${Math.max(a, b)}`;
}

export interface CacheStats {
  loads: number;
  statements: number;
  invalidations: number;
}

/** Per-tag counters the server keeps when CAIRO_DEBUG_STATS=1. */
export async function cacheStats(person: Person, tag: string): Promise<CacheStats> {
  const response = await person.page.request.get(`/api/debug/cache?tag=${encodeURIComponent(tag)}`);
  expect(response.ok()).toBe(true);
  return response.json();
}

export function messageArticles(person: Person) {
  return person.page.getByRole("region", { name: "Messages" }).getByRole("article");
}
