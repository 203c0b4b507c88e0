import {
  type Browser,
  type BrowserContext,
  test as base,
  expect,
  type Page,
} from "@playwright/test";
import { BUDGET, messageArticles, openConversation, registerPerson, sendMessage } from "./helpers";

/**
 * One screenshot per test, of every main view on a desktop and on a phone. The people and
 * messages they show are written once per worker (the `scene`), so each test only opens its
 * view and captures it: a slow screenshot can no longer eat the budget of a whole journey.
 */

type Storage = Awaited<ReturnType<BrowserContext["storageState"]>>;

interface Scene {
  /** Ada's conversation with Bo, as a path. */
  conversation: string;
  /** Signed-in browser state of each person. */
  ada: Storage;
  bo: Storage;
}

const test = base.extend<object, { scene: Scene }>({
  scene: [
    async ({ browser }, use) => {
      const ada = await registerPerson(browser, "Ada");
      const bo = await registerPerson(browser, "Bo");
      await openConversation(ada, bo);
      await sendMessage(ada, "Morning! Did the release notes go out?");
      await sendMessage(ada, "Also: lunch at 1?");
      await openConversation(bo, ada);
      await messageArticles(bo).first().getByRole("button", { name: "Reply" }).click();
      await bo.page.getByRole("textbox", { name: "Reply" }).fill("Not yet, waiting on QA.");
      await bo.page.getByRole("button", { name: "Send reply" }).click();
      await expect(bo.page.getByRole("link", { name: /View thread/ })).toBeVisible();
      await openConversation(ada, bo);
      const edited = messageArticles(ada).filter({ hasText: "lunch at 1?" });
      await edited.getByRole("button", { name: "Edit", exact: true }).click();
      await ada.page.getByRole("textbox", { name: "Edit message" }).fill("Also: lunch at 12:30?");
      await ada.page.getByRole("textbox", { name: "Edit message" }).press("Enter");
      await expect(messageArticles(ada).filter({ hasText: "12:30?" })).toContainText("(edited)");
      await sendMessage(bo, "Sure, 12:30 works");
      // Bo leaves; one more message waits unread in his inbox and notifications.
      await bo.page.goto("/settings/account");
      await sendMessage(ada, "See you there!");
      const scene: Scene = {
        conversation: new URL(ada.page.url()).pathname,
        ada: await ada.page.context().storageState(),
        bo: await bo.page.context().storageState(),
      };
      await ada.page.context().close();
      await bo.page.context().close();
      await use(scene);
    },
    { scope: "worker", timeout: BUDGET.scene },
  ],
});

interface View {
  name: string;
  as: "ada" | "bo";
  /** Opens the view and waits until it shows what the screenshot is for. */
  show(page: Page, scene: Scene): Promise<void>;
}

const views: View[] = [
  {
    name: "conversation",
    as: "ada",
    async show(page, scene) {
      await page.goto(scene.conversation);
      await expect(messageArticles({ page })).toHaveCount(4);
    },
  },
  {
    name: "edit-history",
    as: "ada",
    async show(page, scene) {
      await page.goto(scene.conversation);
      await messageArticles({ page })
        .filter({ hasText: "12:30?" })
        .getByRole("button", { name: "View edit history" })
        .click();
      await expect(
        page.getByRole("dialog", { name: "Edit history" }).getByRole("listitem"),
      ).toHaveCount(2);
    },
  },
  {
    name: "thread",
    as: "ada",
    async show(page, scene) {
      await page.goto(scene.conversation);
      await page.getByRole("link", { name: /View thread/ }).click();
      await expect(page.getByRole("tree", { name: "Thread" })).toContainText("waiting on QA");
    },
  },
  {
    name: "inbox",
    as: "bo",
    async show(page) {
      await page.goto("/inbox");
      await expect(page.getByRole("heading", { name: "Inbox" })).toBeVisible();
      await expect(page.getByRole("main")).toContainText("See you there!");
    },
  },
  {
    name: "notifications",
    as: "bo",
    async show(page) {
      await page.goto("/notifications");
      await expect(page.getByRole("heading", { name: "Notifications" })).toBeVisible();
      await expect(page.getByRole("main")).toContainText("See you there!");
    },
  },
  {
    name: "delete-account",
    as: "bo",
    async show(page) {
      await page.goto("/settings/account");
      await expect(page.getByRole("heading", { name: "Delete account" })).toBeVisible();
    },
  },
];

const devices = [
  { name: "desktop", viewport: { width: 1280, height: 720 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

async function openAs(
  browser: Browser,
  storageState: Storage,
  viewport: (typeof devices)[number]["viewport"],
) {
  const context = await browser.newContext({ storageState, viewport });
  return context.newPage();
}

for (const device of devices) {
  for (const view of views) {
    test(`screenshot: ${view.name} on a ${device.name}`, async ({ browser, scene }) => {
      test.setTimeout(BUDGET.view);
      const page = await openAs(browser, scene[view.as], device.viewport);
      await view.show(page, scene);
      const path = test.info().outputPath(`${view.name}-${device.name}.png`);
      await page.screenshot({ path, fullPage: true, animations: "disabled", caret: "hide" });
      await test.info().attach(`${view.name}-${device.name}`, { path, contentType: "image/png" });
      if (device.name === "phone") {
        // Nothing wider than the phone: no sideways scrolling.
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth > window.innerWidth,
        );
        expect(overflow).toBe(false);
      }
      await page.context().close();
    });
  }
}
