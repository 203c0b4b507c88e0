import AxeBuilder from "@axe-core/playwright";
import { expect } from "@playwright/test";
import { BUDGET } from "./helpers";
import { schemes, sceneTest as test, views } from "./scene";

/**
 * An axe scan of every main view, in the light and the dark scheme: no serious or critical
 * violation (colour contrast included). The report names each violation and its elements.
 */
for (const colorScheme of schemes) {
  for (const view of views) {
    test(`accessibility: ${view.name}, ${colorScheme}`, async ({ browser, scene }) => {
      test.setTimeout(BUDGET.view);
      const context = await browser.newContext({
        storageState: view.as === "anonymous" ? undefined : scene[view.as],
        colorScheme,
      });
      const page = await context.newPage();
      await view.show(page, scene);
      const { violations } = await new AxeBuilder({ page }).analyze();
      const serious = violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => ({
          rule: v.id,
          impact: v.impact,
          help: v.help,
          targets: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary}`),
        }));
      expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
      await context.close();
    });
  }
}
