import { type Browser, expect, type Page } from "@playwright/test";

export const PASSWORD = "e2e-password-123";

/**
 * Time budgets for tests that do more or less than the default journey (the config's 300 s),
 * sized to their work on a busy 2-core machine with a wide margin: they catch hangs, never
 * slowness. A one-page check; one screenshot of a prepared view; a scene of several people
 * and a dozen writes built once per worker; a test that writes hundreds of rows.
 */
export const BUDGET = {
  page: 60_000,
  view: 120_000,
  scene: 300_000,
  bulk: 600_000,
} as const;

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
  // Registering hashes the password and signing in verifies it: two deliberately slow scrypt
  // runs, which a loaded CI machine can stretch well past the usual few seconds.
  await expect(page).toHaveURL(/\/messages$/, { timeout: 90_000 });
  return { name, email, page };
}

/** Opens the conversation with `other` through the "Find a colleague" box on /messages. */
export async function openConversation(person: Person, other: Pick<Person, "name" | "email">) {
  await person.page.goto("/messages");
  await person.page.getByRole("searchbox", { name: "Find a colleague" }).fill(other.email);
  await person.page
    .getByRole("list", { name: "Colleagues found" })
    .getByRole("link", { name: other.name })
    .click();
  await expect(person.page.getByRole("heading", { name: other.name })).toBeVisible();
}

/** Sends a message and waits until the server has confirmed it (no longer pending). */
export async function sendMessage(person: Person, content: string) {
  await person.page.getByRole("textbox", { name: "Message" }).fill(content);
  await person.page.getByRole("button", { name: "Send" }).click();
  const article = person.page
    .getByRole("region", { name: "Messages" })
    .getByRole("article")
    .filter({ hasText: content });
  await expect(article).toBeVisible();
  // The optimistic copy carries a temporary id; tests read real ids from the page.
  await expect(article).not.toHaveAttribute("id", /^message--/);
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

export function messageArticles(person: Pick<Person, "page">) {
  return person.page.getByRole("region", { name: "Messages" }).getByRole("article");
}

/** The session cookie of a person's browser context, for raw HTTP (streams) in tests. */
export async function cookieHeader(person: Person): Promise<string> {
  const cookies = await person.page.context().cookies();
  return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}

export interface StreamFrame {
  id?: string;
  event?: string;
  data?: string;
}

/**
 * Opens /api/events with raw HTTP and collects its frames until `stop()`; the test reads
 * `frames` as they arrive.
 */
export async function openEventStream(baseURL: string, cookie: string, lastEventId?: string) {
  const controller = new AbortController();
  const response = await fetch(`${baseURL}/api/events`, {
    headers: { cookie, ...(lastEventId ? { "Last-Event-ID": lastEventId } : {}) },
    signal: controller.signal,
  });
  const frames: StreamFrame[] = [];
  const reading = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const frame: StreamFrame = {};
          for (const line of buffer.slice(0, end).split("\n")) {
            const [field, ...rest] = line.split(": ");
            if (field === "id" || field === "event" || field === "data")
              frame[field] = rest.join(": ");
          }
          if (frame.data !== undefined || frame.event !== undefined) frames.push(frame);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
        }
      }
    } catch {
      // aborted by stop()
    }
  })();
  return {
    status: response.status,
    frames,
    async stop() {
      controller.abort();
      await reading;
    },
  };
}
