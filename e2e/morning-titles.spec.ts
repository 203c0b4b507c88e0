import { expect, test } from "@playwright/test";
import { BUDGET, openConversation, registerPerson, sendMessage } from "./helpers";

test("tab titles name the colleague of a conversation and of a thread, keeping the unread count", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const cy = await registerPerson(browser, "Cy");
  await openConversation(ada, bo);
  await sendMessage(ada, "Start of a thread");

  await openConversation(bo, ada);
  await expect(bo.page).toHaveTitle(`${ada.name} · Cairo Chat`);
  const root = bo.page.getByRole("article").filter({ hasText: "Start of a thread" });
  await root.getByRole("button", { name: "Reply" }).click();
  await bo.page.getByRole("textbox", { name: "Reply" }).fill("A reply");
  await bo.page.getByRole("button", { name: "Send reply" }).click();
  await root.getByRole("link", { name: /View thread/ }).click();
  await expect(bo.page.getByRole("tree", { name: "Thread" })).toBeVisible();
  await expect(bo.page).toHaveTitle(`Thread with ${ada.name} · Cairo Chat`);

  // An unread message from someone else: its count stays in front of the colleague's name.
  await openConversation(cy, bo);
  await sendMessage(cy, "Unread for Bo");
  await bo.page.goto(bo.page.url());
  await expect(bo.page).toHaveTitle(`(1) Thread with ${ada.name} · Cairo Chat`);
  await openConversation(bo, ada);
  await expect(bo.page).toHaveTitle(`(1) ${ada.name} · Cairo Chat`);
  // As the server writes it, and as the browser keeps it.
  await bo.page.reload();
  await expect(bo.page).toHaveTitle(`(1) ${ada.name} · Cairo Chat`);
});

test("a member visiting /admin reads Not found in the tab title too", async ({ browser }) => {
  test.setTimeout(BUDGET.view);
  const bo = await registerPerson(browser, "Bo");
  await bo.page.goto("/admin");
  await expect(bo.page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(bo.page).toHaveTitle("Not found · Cairo Chat");
});

test("the colleague list on /messages is in alphabetical order", async ({ browser }) => {
  // The list is one page of a directory that other tests fill with a thousand colleagues:
  // names that sort first keep both on that page, registered in the opposite order.
  const zed = await registerPerson(browser, "Aa-Zed");
  const abe = await registerPerson(browser, "Aa-Abe");
  await abe.page.goto("/messages");
  const names = await abe.page
    .getByRole("region", { name: "Colleagues" })
    .getByRole("listitem")
    .locator("bdi")
    .allTextContents();
  expect(names).toContain(zed.name);
  expect(names).toContain(abe.name);
  const sorted = [...names].sort((a, b) => {
    const [x, y] = [a.toLowerCase(), b.toLowerCase()];
    return x < y ? -1 : x > y ? 1 : 0;
  });
  expect(names).toEqual(sorted);
});
