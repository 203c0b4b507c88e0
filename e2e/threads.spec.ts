import { expect, test } from "@playwright/test";
import { openConversation, registerPerson, sendMessage } from "./helpers";

test("replies nest into a thread of three levels", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(ada, bo);
  await sendMessage(ada, "Who owns the deploy script?");

  await openConversation(bo, ada);
  const boMessages = bo.page.getByRole("region", { name: "Messages" });
  await boMessages.getByRole("article").getByRole("button", { name: "Reply" }).click();
  await bo.page.getByRole("textbox", { name: "Reply" }).fill("I think Chen does");
  await bo.page.getByRole("button", { name: "Send reply" }).click();
  const threadLink = boMessages.getByRole("link", { name: /View thread/ });
  await expect(threadLink).toHaveText(/1 reply/);

  await openConversation(ada, bo);
  await ada.page.getByRole("link", { name: /View thread/ }).click();
  const tree = ada.page.getByRole("tree", { name: "Thread" });
  await expect(tree.getByRole("treeitem")).toHaveCount(2);
  await tree
    .getByRole("treeitem")
    .filter({ hasText: "I think Chen does" })
    .getByRole("button", { name: "Reply" })
    .click();
  await ada.page.getByRole("textbox", { name: "Reply" }).fill("Thanks, I'll ask Chen");
  await ada.page.getByRole("button", { name: "Send reply" }).click();

  const items = tree.getByRole("treeitem");
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toHaveAttribute("aria-level", "1");
  await expect(items.nth(0)).toContainText("Who owns the deploy script?");
  await expect(items.nth(1)).toHaveAttribute("aria-level", "2");
  await expect(items.nth(1)).toContainText("I think Chen does");
  await expect(items.nth(2)).toHaveAttribute("aria-level", "3");
  await expect(items.nth(2)).toContainText("Thanks, I'll ask Chen");

  // Bo opens the thread from the deepest reply and sees the same tree.
  await bo.page.goto(ada.page.url());
  await expect(bo.page.getByRole("tree", { name: "Thread" }).getByRole("treeitem")).toHaveCount(3);
});

test("a stranger gets not-found for someone else's thread", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const cy = await registerPerson(browser, "Cy");
  await openConversation(ada, bo);
  await sendMessage(ada, "private thread");
  const id = await ada.page
    .getByRole("region", { name: "Messages" })
    .getByRole("article")
    .getAttribute("id");
  const messageId = id?.replace("message-", "");
  const response = await cy.page.goto(`/thread/${messageId}`);
  expect(response?.status()).toBe(404);
  await expect(cy.page.getByText("private thread")).toHaveCount(0);
});
