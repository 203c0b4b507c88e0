import path from "node:path";
import { expect } from "@playwright/test";
import { BUDGET } from "./helpers";
import { devices, schemes, sceneTest as test, views } from "./scene";

/**
 * One screenshot per test, of every main view on a desktop and on a phone, light and dark.
 * Each is attached to the test and written to SCREENSHOT_DIR (default
 * `artifacts/screenshots`, kept after the run: Playwright empties test-results/ at the start
 * of every run), named `<view>-<device>-<scheme>.png`.
 */
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? path.join("artifacts", "screenshots");

for (const device of devices) {
  for (const colorScheme of schemes) {
    for (const view of views) {
      const name = `${view.name}-${device.name}-${colorScheme}`;
      test(`screenshot: ${view.name} on a ${device.name}, ${colorScheme}`, async ({
        browser,
        scene,
      }) => {
        test.setTimeout(BUDGET.view);
        const context = await browser.newContext({
          storageState: view.as === "anonymous" ? undefined : scene[view.as],
          viewport: device.viewport,
          colorScheme,
        });
        const page = await context.newPage();
        await view.show(page, scene);
        const file = path.join(SCREENSHOT_DIR, `${name}.png`);
        await page.screenshot({
          path: file,
          fullPage: true,
          animations: "disabled",
          caret: "hide",
        });
        await test.info().attach(name, { path: file, contentType: "image/png" });
        if (device.name === "phone") {
          // Nothing wider than the phone: no sideways scrolling.
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth > window.innerWidth,
          );
          expect(overflow).toBe(false);
        }
        await context.close();
      });
    }
  }
}
