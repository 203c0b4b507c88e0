import { type Browser, chromium, type Page } from "@playwright/test";
import { chromiumLaunchOptions } from "../e2e/chromium";
import type { Client } from "./http";

/** Debian's Chromium, launched exactly as the e2e suite launches it. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions);
}

/** A page in a fresh browser context carrying the client's session cookie. */
export async function pageAs(browser: Browser, client: Client): Promise<Page> {
  const context = await browser.newContext();
  await context.addCookies(
    client.cookieList().map(({ name, value }) => ({ name, value, url: client.baseUrl })),
  );
  return context.newPage();
}
