import { expect, test } from "@playwright/test";
import { PASSWORD, registerPerson } from "./helpers";

const FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

test("the sessions list in /settings/password signs out another device", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  const other = await browser.newContext({ userAgent: FIREFOX_ON_LINUX });
  const second = await other.newPage();
  await second.goto("/login");
  await second.getByRole("textbox", { name: "Email" }).fill(ada.email);
  await second.getByLabel("Password").fill(PASSWORD);
  await second.getByRole("button", { name: "Sign in" }).click();
  await expect(second).toHaveURL(/\/messages$/, { timeout: 90_000 });

  await ada.page.goto("/settings/password");
  const region = ada.page.getByRole("region", { name: "Sessions" });
  const list = region.getByRole("list", { name: "Signed-in sessions" });
  await expect(list.getByRole("listitem")).toHaveCount(2);
  const here = list.getByRole("listitem").filter({ hasText: "This device" });
  await expect(here).toContainText("Chrome on Linux");
  await expect(here).toContainText("Last seen");
  const firefox = list.getByRole("listitem", { name: "Firefox on Linux" });
  await expect(firefox).toBeVisible();
  await firefox.getByRole("button", { name: "Sign out Firefox on Linux" }).click();

  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list.getByRole("listitem")).toContainText("This device");
  await second.goto("/inbox");
  await expect(second).toHaveURL(/\/login/);
  await ada.page.goto("/inbox");
  await expect(ada.page.getByRole("heading", { name: "Inbox" })).toBeVisible();
  await other.close();
  await ada.page.context().close();
});
