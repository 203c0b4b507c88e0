import { expect, test } from "@playwright/test";
import { BUDGET, PASSWORD } from "./helpers";

test.setTimeout(BUDGET.view);

// The test server sets APP_ORIGIN to http://localhost:PORT; 127.0.0.1 is the same server
// at an address APP_ORIGIN does not name, as a colleague opening the Network URL would be.
test("a write from an address APP_ORIGIN does not name is refused with a page that says why", async ({
  page,
  baseURL,
}) => {
  const configured = new URL(baseURL ?? "");
  const elsewhere = new URL(configured);
  elsewhere.hostname = "127.0.0.1";
  await page.goto(new URL("/register", elsewhere).href);
  await page.getByRole("textbox", { name: "Name" }).fill("Ada Elsewhere");
  await page.getByRole("textbox", { name: "Email" }).fill(`ada.${Date.now()}@cairo.test`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();

  const alert = page.getByRole("alert").filter({ hasText: "APP_ORIGIN" });
  await expect(alert.getByRole("heading", { name: "This change was refused" })).toBeVisible();
  await expect(alert).toContainText(`a page at "${elsewhere.origin}"`);
  await expect(alert).toContainText(`APP_ORIGIN is ${configured.origin}`);
});
