import { expect, type Page, test } from "@playwright/test";
import { openConversation, registerPerson, sendMessage } from "./helpers";
import { seedColleagues } from "./seed-colleagues";

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A sidebar link's name: the colleague, then "N unread" when there is something unread. */
const named = (name: string, unread = 0) =>
  new RegExp(`^${escapeRegExp(name)}${unread ? `\\s*${unread} unread` : ""}$`);

function sidebar(page: Page) {
  return page.getByRole("navigation", { name: "Conversations" });
}

test("the sidebar lists conversations newest activity first with unread counts, live, and the tab title counts", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const cy = await registerPerson(browser, "Cy");
  await openConversation(ada, bo);
  await sendMessage(ada, "first from Ada");

  await bo.page.goto("/inbox");
  const links = sidebar(bo.page).getByRole("link");
  await expect(links).toHaveCount(1);
  await expect(links.nth(0)).toHaveAccessibleName(named(ada.name, 1));
  await expect(bo.page).toHaveTitle("(1) Inbox · Cairo Chat");

  // Cy writes: without a reload, Cy comes first.
  await openConversation(cy, bo);
  await sendMessage(cy, "hello from Cy");
  await expect(links).toHaveCount(2);
  await expect(links.nth(0)).toHaveAccessibleName(named(cy.name, 1));
  await expect(links.nth(1)).toHaveAccessibleName(named(ada.name, 1));
  await expect(bo.page).toHaveTitle("(2) Inbox · Cairo Chat");

  // Ada writes again: back on top, with two unread.
  await sendMessage(ada, "second from Ada");
  await expect(links.nth(0)).toHaveAccessibleName(named(ada.name, 2));
  await expect(links.nth(1)).toHaveAccessibleName(named(cy.name, 1));
  await expect(bo.page).toHaveTitle("(3) Inbox · Cairo Chat");

  // Opening the conversation reads it: its count goes, the link is the current page.
  await links.nth(0).click();
  await expect(bo.page.getByRole("heading", { name: ada.name })).toBeVisible();
  await expect(links.nth(0)).toHaveAccessibleName(named(ada.name));
  await expect(links.nth(0)).toHaveAttribute("aria-current", "page");
  await expect(bo.page).toHaveTitle(`(1) ${ada.name} · Cairo Chat`);
  await bo.page.context().close();
  await ada.page.context().close();
  await cy.page.context().close();
});

test("the colleague finder searches a thousand colleagues on the server, a page at a time, and tells namesakes apart", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const tag = `f${Date.now().toString(36)}`;
  const crowd = Array.from({ length: 1000 }, (_, i) => ({
    name: `Finder${tag} ${String(i).padStart(4, "0")}`,
    email: `finder${i}.${tag}@cairo.test`,
  }));
  const twins = [
    { name: `Twin${tag} Smith`, email: `twin.one.${tag}@cairo.test` },
    { name: `Twin${tag} Smith`, email: `twin.two.${tag}@cairo.test` },
  ];
  const seeded = await seedColleagues([...crowd, ...twins]);
  const page = ada.page;

  await page.goto("/messages");
  // Nothing lists the whole directory: /messages shows one page of it, then "More colleagues".
  await expect(page.getByRole("link", { name: "More colleagues" })).toBeVisible();
  // Which colleagues fill the page depends on the order (by name) and on who else is in the
  // directory; that it is one page at most is what matters here.
  const listed = await page
    .getByRole("region", { name: "Colleagues" })
    .getByRole("listitem")
    .count();
  expect(listed).toBeGreaterThan(0);
  expect(listed).toBeLessThanOrEqual(50);
  const box = page.getByRole("searchbox", { name: "Find a colleague" });
  const found = page.getByRole("list", { name: "Colleagues found" }).getByRole("link");

  await box.fill(`finder${tag}`);
  await expect(found).toHaveCount(20);
  await expect(found.first()).toContainText(`Finder${tag} 0000`);

  await box.fill(`Finder${tag} 0777`);
  await expect(found).toHaveCount(1);
  await found.click();
  const target = seeded.find((s) => s.name === `Finder${tag} 0777`);
  await expect(page).toHaveURL(new RegExp(`/messages/${target?.id}$`));
  await expect(page.getByRole("heading", { name: `Finder${tag} 0777` })).toBeVisible();

  // Same name, told apart by email.
  await box.fill(`twin${tag}`);
  await expect(found).toHaveCount(2);
  await expect(found.nth(0)).toContainText(twins[0]?.email ?? "");
  await expect(found.nth(1)).toContainText(twins[1]?.email ?? "");
  await found.filter({ hasText: twins[1]?.email ?? "" }).click();
  const second = seeded.find((s) => s.email === twins[1]?.email);
  await expect(page).toHaveURL(new RegExp(`/messages/${second?.id}$`));

  // Escape clears the box and its results.
  await box.fill(`twin${tag}`);
  await expect(found).toHaveCount(2);
  await box.press("Escape");
  await expect(box).toHaveValue("");
  await expect(found).toHaveCount(0);

  // The JSON route answers a page, only id, name and email; bad input is a 400.
  const response = await page.request.get(
    `/api/colleagues?q=${encodeURIComponent(`finder${tag}`)}`,
  );
  expect(response.status()).toBe(200);
  const { colleagues } = (await response.json()) as { colleagues: Record<string, unknown>[] };
  expect(colleagues).toHaveLength(20);
  expect(Object.keys(colleagues[0] ?? {}).sort()).toEqual(["email", "id", "name"]);
  expect((await page.request.get("/api/colleagues?q=")).status()).toBe(400);
  expect((await page.request.get(`/api/colleagues?q=${"x".repeat(101)}`)).status()).toBe(400);
  await page.context().close();
});

test("on a phone: one pane with a way back, and no navigation label cut off", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  await ada.page.context().close();
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Email" }).fill(ada.email);
  await page.getByLabel("Password").fill("e2e-password-123");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/messages$/, { timeout: 90_000 });

  // Notes to self: a conversation found through the finder, shown alone.
  await openConversation({ ...ada, page }, ada);
  await sendMessage({ ...ada, page }, "a note");
  await expect(page.getByRole("navigation", { name: "Conversations" })).toHaveCount(0);
  await expect(page.getByRole("searchbox", { name: "Find a colleague" })).toHaveCount(0);

  const main = page.getByRole("navigation", { name: "Main" });
  for (const name of ["Messages", "Inbox", "Notifications", "Settings"]) {
    const link = main.getByRole("link", { name });
    await expect(link).toBeVisible();
    const fits = await link.evaluate((el) => {
      const box = el.getBoundingClientRect();
      return el.scrollWidth <= el.clientWidth && box.left >= 0 && box.right <= window.innerWidth;
    });
    expect(fits, name).toBe(true);
  }
  await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
    true,
  );

  // The way back: the conversations and the finder on /messages.
  await page.getByRole("link", { name: /Back/ }).click();
  await expect(page).toHaveURL(/\/messages$/);
  await expect(
    page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: /^Ada/ }),
  ).toBeVisible();
  await expect(page.getByRole("searchbox", { name: "Find a colleague" })).toBeVisible();
  await context.close();
});

test("dark mode follows the system setting", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "dark" });
  const page = await context.newPage();
  // Computed colours may come back as lab(); a canvas pixel gives them as sRGB.
  const luminance = (selector: string, property: "color" | "backgroundColor") =>
    page.locator(selector).evaluate((el, prop) => {
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 1;
      const context = canvas.getContext("2d") as CanvasRenderingContext2D;
      context.fillStyle = getComputedStyle(el)[prop];
      context.fillRect(0, 0, 1, 1);
      const [r = 0, g = 0, b = 0] = context.getImageData(0, 0, 1, 1).data;
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    }, property);
  await page.goto("/login");
  expect(await luminance("body", "backgroundColor")).toBeLessThan(0.2);
  expect(await luminance("body", "color")).toBeGreaterThan(0.8);
  await page.emulateMedia({ colorScheme: "light" });
  expect(await luminance("body", "backgroundColor")).toBeGreaterThan(0.8);
  expect(await luminance("body", "color")).toBeLessThan(0.2);
  await context.close();
});

test("a skip link leads to the composer, and the app has a favicon", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  await openConversation(ada, ada);
  // The first stop of the Tab key, shown when focused.
  const skip = ada.page.getByRole("link", { name: "Skip to composer" });
  await expect(skip).toHaveAttribute("href", "#composer");
  const first = await ada.page.evaluate(
    () => document.querySelector("a[href], button, input, textarea, select")?.textContent,
  );
  expect(first).toBe("Skip to composer");
  await skip.focus();
  expect((await skip.boundingBox())?.width ?? 0).toBeGreaterThan(20);
  const icon = await ada.page.request.get("/icon.svg");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  await expect(ada.page.locator('link[rel="icon"]')).toHaveCount(1);
  await ada.page.context().close();
});

test("desktop notifications: opt in from settings, then a message while the tab is hidden notifies", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  // A stand-in for the browser's Notification API and page visibility, recording what shows.
  await bo.page.context().addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    w.__shown = [];
    w.__permissionAsked = 0;
    w.__hidden = false;
    class FakeNotification {
      // Kept across page loads, as the browser keeps a site's permission.
      static get permission() {
        return localStorage.getItem("fake-permission") ?? "default";
      }
      static async requestPermission() {
        w.__permissionAsked = (w.__permissionAsked as number) + 1;
        localStorage.setItem("fake-permission", "granted");
        return "granted";
      }
      onclick: unknown = null;
      constructor(title: string) {
        (w.__shown as string[]).push(title);
      }
    }
    w.Notification = FakeNotification;
    Object.defineProperty(document, "hidden", { get: () => w.__hidden === true });
  });
  const page = bo.page;
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/settings\/profile$/);
  await page
    .getByRole("navigation", { name: "Settings" })
    .getByRole("link", { name: "Desktop notifications" })
    .click();
  const toggle = page.getByRole("switch", { name: "Desktop notifications" });
  await expect(toggle).not.toBeChecked();
  expect(
    await page.evaluate(
      () => (window as unknown as { __permissionAsked: number }).__permissionAsked,
    ),
  ).toBe(0);
  await toggle.check();
  await expect(page.getByRole("status").filter({ hasText: "On:" })).toBeVisible();
  expect(
    await page.evaluate(
      () => (window as unknown as { __permissionAsked: number }).__permissionAsked,
    ),
  ).toBe(1);
  expect(await page.evaluate(() => localStorage.getItem("cairo:desktop-notifications"))).toBe("on");

  await page.goto("/inbox");
  await page.evaluate(() => {
    (window as unknown as { __hidden: boolean }).__hidden = true;
  });
  await openConversation(ada, bo);
  await sendMessage(ada, "are you there?");
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __shown: string[] }).__shown))
    .toEqual([`New message from ${ada.name}`]);
  await ada.page.context().close();
  await page.context().close();
});

test("/messages names each colleague once: new colleagues in a page of the directory, conversations in the sidebar", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  // The directory lists one page, by name, of colleagues other tests add by the thousand: a
  // name that sorts first is on it.
  const bo = await registerPerson(browser, "Aa-Bo");
  await ada.page.goto("/messages");
  const boLinks = ada.page.getByRole("link", { name: bo.name });
  await expect(boLinks).toHaveCount(1);
  await boLinks.click();
  await expect(ada.page.getByRole("heading", { name: bo.name })).toBeVisible();
  await sendMessage(ada, "hello Bo");
  await ada.page.goto("/messages");
  // Now a conversation: the sidebar names Bo, the directory no longer does.
  await expect(sidebar(ada.page).getByRole("link", { name: bo.name })).toBeVisible();
  await expect(boLinks).toHaveCount(1);
  await ada.page.context().close();
  await bo.page.context().close();
});
