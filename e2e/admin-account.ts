import { chromium, type FullConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./chromium";
import { PASSWORD } from "./helpers";

/**
 * The e2e database's first account, so its admin: registered before any test runs. The
 * first account ever registered becomes admin and the last admin cannot delete itself, so
 * without it whichever test happened to register first (the one deleting its account, say)
 * would become the admin by chance.
 */
export const E2E_ADMIN = { name: "E2E Admin", email: "e2e.admin@cairo.test", password: PASSWORD };

export default async function registerAdmin(config: FullConfig) {
  const baseURL = config.projects[0]?.use.baseURL;
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ baseURL });
    await page.goto("/register");
    await page.getByRole("textbox", { name: "Name" }).fill(E2E_ADMIN.name);
    await page.getByRole("textbox", { name: "Email" }).fill(E2E_ADMIN.email);
    await page.getByLabel("Password").fill(E2E_ADMIN.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/messages$/, { timeout: 120_000 });
    // The first account: the Admin link proves it became admin.
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Admin" })
      .waitFor();
  } finally {
    await browser.close();
  }
}
