import { type Browser, expect, type Page, test } from "@playwright/test";
import { messageArticles, openConversation, registerPerson, sendMessage } from "./helpers";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
/** A phone with its on-screen keyboard open: the visible viewport shrinks to about 500 px. */
const PHONE_KEYBOARD = { width: 390, height: 500 };

/** A conversation long enough to scroll at every size, opened by Ada. */
async function longConversation(browser: Browser) {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(ada, bo);
  const tall = Array.from({ length: 14 }, (_, n) => `line ${n + 1}`).join("\n");
  for (let n = 1; n <= 3; n++) {
    await ada.page.getByRole("textbox", { name: "Message" }).fill(`${tall}\npart ${n}`);
    await ada.page.getByRole("button", { name: "Send" }).click();
    await expect(messageArticles(ada).filter({ hasText: `part ${n}` })).not.toHaveAttribute(
      "id",
      /^message--/,
    );
  }
  await sendMessage(ada, "the newest message");
  return { ada, bo };
}

async function expectInViewport(page: Page, box: Awaited<ReturnType<Page["locator"]>>) {
  const viewport = page.viewportSize();
  const bounds = await box.boundingBox();
  if (!viewport || !bounds) throw new Error("not laid out");
  expect(bounds.y).toBeGreaterThanOrEqual(0);
  expect(bounds.y + bounds.height).toBeLessThanOrEqual(viewport.height);
}

test("the composer stays at the bottom of the visible viewport, keyboard open or not", async ({
  browser,
}) => {
  const { ada } = await longConversation(browser);
  const url = ada.page.url();
  for (const viewport of [DESKTOP, PHONE, PHONE_KEYBOARD]) {
    await ada.page.setViewportSize(viewport);
    await ada.page.goto(url);
    const send = ada.page.getByRole("button", { name: "Send" });
    const box = ada.page.getByRole("textbox", { name: "Message" });
    await expect(send).toBeVisible();
    await box.focus();
    await expectInViewport(ada.page, send);
    await expectInViewport(ada.page, box);
    // The page itself does not scroll: the messages do, above the composer.
    expect(await ada.page.evaluate(() => document.scrollingElement?.scrollTop ?? 0)).toBe(0);
    await expect(messageArticles(ada).filter({ hasText: "the newest message" })).toBeInViewport();
  }
});

test("on a phone the header is one compact row; the names stay", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  for (const viewport of [DESKTOP, { width: 768, height: 1024 }, PHONE]) {
    await ada.page.setViewportSize(viewport);
    await ada.page.goto("/inbox");
    expect(
      await ada.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    const nav = ada.page.getByRole("navigation", { name: "Main" });
    const items = [
      ...["Messages", "Inbox", "Notifications", "Settings"].map((name) =>
        nav.getByRole("link", { name }),
      ),
      ada.page.getByRole("button", { name: "Sign out" }),
    ];
    const centres: number[] = [];
    for (const item of items) {
      await expect(item).toBeVisible();
      const box = await item.boundingBox();
      if (!box) throw new Error("not laid out");
      centres.push(box.y + box.height / 2);
    }
    const first = centres[0] ?? 0;
    for (const centre of centres) expect(Math.abs(centre - first)).toBeLessThan(4);
    const banner = await ada.page.getByRole("banner").boundingBox();
    expect(banner?.height ?? 999).toBeLessThanOrEqual(viewport === PHONE ? 52 : 60);
  }
});

test("on a touch screen a tap on a message opens its actions; they do not sit under every message", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(ada, bo);
  await sendMessage(ada, "first on a phone");
  await sendMessage(ada, "second on a phone");
  const context = await browser.newContext({
    hasTouch: true,
    isMobile: true,
    viewport: PHONE,
    storageState: await ada.page.context().storageState(),
  });
  const phone = await context.newPage();
  await phone.goto(ada.page.url());
  const article = phone.getByRole("article").filter({ hasText: "first on a phone" });
  const other = phone.getByRole("article").filter({ hasText: "second on a phone" });
  const toolbar = article.locator("[data-toolbar]");
  const opacity = (locator: typeof toolbar) =>
    locator.evaluate((element) => getComputedStyle(element).opacity);

  // Closed: the actions take no room and no taps, yet keep their names.
  await expect(article.getByRole("button", { name: "Edit" })).toHaveCount(1);
  await expect.poll(() => opacity(toolbar)).toBe("0");
  const closedHeight = (await article.boundingBox())?.height ?? 0;
  expect(closedHeight).toBeLessThan(70);

  await article.getByText("first on a phone").tap();
  await expect.poll(() => opacity(toolbar)).toBe("1");
  await expect.poll(() => opacity(other.locator("[data-toolbar]"))).toBe("0");

  // A tap elsewhere closes it; a tap on another message opens that one instead.
  await other.getByText("second on a phone").tap();
  await expect.poll(() => opacity(toolbar)).toBe("0");
  await expect.poll(() => opacity(other.locator("[data-toolbar]"))).toBe("1");

  await article.getByText("first on a phone").tap();
  await article.getByRole("button", { name: "Reply" }).tap();
  await expect(phone.getByRole("textbox", { name: "Reply" })).toBeVisible();
  await context.close();
});
