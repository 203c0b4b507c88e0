import { type BrowserContext, test as base, expect, type Page } from "@playwright/test";
import { BUDGET, messageArticles, openConversation, registerPerson, sendMessage } from "./helpers";

/**
 * A small world every main view can be shown in (screenshots, accessibility scans): Ada and
 * Bo, a conversation with an edited message and a thread, an unread message waiting for
 * Bo. Written once per worker, so each test only opens its view.
 */

export type Storage = Awaited<ReturnType<BrowserContext["storageState"]>>;

export interface Scene {
  /** Ada's conversation with Bo, as a path. */
  conversation: string;
  /** Signed-in browser state of each person. */
  ada: Storage;
  bo: Storage;
}

export const sceneTest = base.extend<object, { scene: Scene }>({
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

export interface View {
  name: string;
  /** Who looks at it: a signed-in person, or nobody. */
  as: "ada" | "bo" | "anonymous";
  /** Opens the view and waits until it shows what it is for. */
  show(page: Page, scene: Scene): Promise<void>;
}

const heading = (page: Page, name: string) =>
  expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();

/** Every main view of the app. */
export const views: View[] = [
  {
    name: "login",
    as: "anonymous",
    async show(page) {
      await page.goto("/login");
      await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    },
  },
  {
    name: "register",
    as: "anonymous",
    async show(page) {
      await page.goto("/register");
      await expect(page.getByRole("button", { name: "Create account" })).toBeVisible();
    },
  },
  {
    name: "messages",
    as: "ada",
    async show(page) {
      await page.goto("/messages");
      await heading(page, "Messages");
      await expect(
        page.getByRole("navigation", { name: "Conversations" }).getByRole("link").first(),
      ).toBeVisible();
    },
  },
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
      await heading(page, "Inbox");
      await expect(page.getByRole("main")).toContainText("See you there!");
    },
  },
  {
    name: "notifications",
    as: "bo",
    async show(page) {
      await page.goto("/notifications");
      await heading(page, "Notifications");
      await expect(page.getByRole("main")).toContainText("See you there!");
    },
  },
  {
    name: "settings-profile",
    as: "bo",
    async show(page) {
      await page.goto("/settings/profile");
      await expect(page.getByRole("button", { name: "Save profile" })).toBeVisible();
    },
  },
  {
    name: "settings-password",
    as: "bo",
    async show(page) {
      await page.goto("/settings/password");
      await expect(page.getByRole("button", { name: "Change password" })).toBeVisible();
    },
  },
  {
    name: "settings-notifications",
    as: "bo",
    async show(page) {
      await page.goto("/settings/notifications");
      await expect(page.getByRole("switch", { name: "Desktop notifications" })).toBeVisible();
    },
  },
  {
    name: "delete-account",
    as: "bo",
    async show(page) {
      await page.goto("/settings/account");
      await heading(page, "Delete account");
    },
  },
];

export const devices = [
  { name: "desktop", viewport: { width: 1280, height: 720 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

export const schemes = ["light", "dark"] as const;
