import { type Browser, chromium, type Page } from "@playwright/test";
import type { Client } from "./http";

/** Debian's Chromium, as the e2e suite uses it (Playwright cannot download its own here). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A page in a fresh browser context carrying the client's session cookie. */
export async function pageAs(browser: Browser, client: Client): Promise<Page> {
  const context = await browser.newContext();
  await context.addCookies(
    client.cookieList().map(({ name, value }) => ({ name, value, url: client.baseUrl })),
  );
  return context.newPage();
}
