import type { LaunchOptions } from "@playwright/test";

/**
 * Debian's Chromium (Playwright cannot download its own browsers here), with the flags a
 * closed network and a root sandbox need: no background traffic, no sandbox, no GPU.
 */
export const chromiumLaunchOptions: LaunchOptions = {
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
};
