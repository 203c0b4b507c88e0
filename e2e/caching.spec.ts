import { expect, test } from "@playwright/test";
import { confirmDeletion } from "./account-deletion";
import {
  cacheStats,
  conversationTag,
  messageArticles,
  openConversation,
  otherIdFromUrl,
  PASSWORD,
  registerPerson,
  sendMessage,
} from "./helpers";

test("a cached conversation runs no message query, and every write shows at once for both", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(ada, bo);
  await openConversation(bo, ada);
  const tag = conversationTag(otherIdFromUrl(ada), otherIdFromUrl(bo));
  const boConversation = bo.page.url();
  // Bo looks elsewhere while Ada measures: reading would expire the entry (rightly).
  await bo.page.goto("/notifications");
  await sendMessage(ada, "one");
  // The first read after the write fills the entry. (Ada's own client no longer reads it
  // after sending: the send's live event brought the message.) A page fills it too, but the
  // next API read then filled a page-filled entry once more (seen with Next 16.4).
  const beforeFill = await cacheStats(ada, tag);
  await ada.page.request.get(`/api/conversations/${otherIdFromUrl(ada)}`);
  const filled = await cacheStats(ada, tag);
  const fills = filled.loads - beforeFill.loads;
  expect(fills).toBeGreaterThan(0);
  // A load of a page with messages is the page's statement, its reactions' and its
  // attachments' (an empty page, as when the two first opened it, needs neither).
  expect(filled.statements - beforeFill.statements).toBe(3 * fills);

  // Two loads in a row within 60 s: the second is served from the cache.
  await ada.page.reload();
  const warm = await cacheStats(ada, tag);
  await ada.page.reload();
  await expect(messageArticles(ada)).toHaveCount(1);
  expect((await cacheStats(ada, tag)).loads).toBe(warm.loads);

  // Over the JSON API, a request says how many statements it ran: the session user and the
  // colleague are checked (2), the cached page costs nothing.
  const api = await ada.page.request.get(`/api/conversations/${otherIdFromUrl(ada)}`);
  expect(api.headers()["x-sql-statements"]).toBe("2");
  expect((await cacheStats(ada, tag)).loads).toBe(warm.loads);

  // Bo's first load of the same pair shares Ada's entry.
  await bo.page.goto(boConversation);
  await expect(messageArticles(bo)).toContainText("one");

  // Bo sends: Ada's very next load shows it.
  await sendMessage(bo, "two");
  await ada.page.reload();
  await expect(messageArticles(ada).filter({ hasText: "two" })).toBeVisible();

  // Ada edits: Bo sees the new text and "(edited)" on the next load.
  await messageArticles(ada)
    .filter({ hasText: "one" })
    .getByRole("button", { name: "Edit", exact: true })
    .click();
  await ada.page.getByRole("textbox", { name: "Edit message" }).fill("one, edited");
  await ada.page.getByRole("textbox", { name: "Edit message" }).press("Enter");
  await expect(messageArticles(ada).filter({ hasText: "one, edited" })).toContainText("(edited)");
  await bo.page.reload();
  await expect(messageArticles(bo).filter({ hasText: "one, edited" })).toContainText("(edited)");

  // Bo replies: Ada sees the reply count at once.
  await messageArticles(bo)
    .filter({ hasText: "one, edited" })
    .getByRole("button", { name: "Reply" })
    .click();
  await bo.page.getByRole("textbox", { name: "Reply" }).fill("a reply");
  await bo.page.getByRole("button", { name: "Send reply" }).click();
  await ada.page.reload();
  await expect(ada.page.getByRole("link", { name: /View thread/ })).toHaveText(/1 reply/);

  // Ada deletes a message: it disappears for Bo at once.
  await sendMessage(ada, "three, soon gone");
  await bo.page.reload();
  await expect(messageArticles(bo).filter({ hasText: "three, soon gone" })).toBeVisible();
  await messageArticles(ada)
    .filter({ hasText: "three, soon gone" })
    .getByRole("button", { name: "Delete" })
    .click();
  await ada.page.getByRole("button", { name: "Yes, delete" }).click();
  await expect(messageArticles(ada).filter({ hasText: "three, soon gone" })).toHaveCount(0);
  await bo.page.reload();
  await expect(messageArticles(bo).filter({ hasText: "three, soon gone" })).toHaveCount(0);

  // Reading expires the conversation too: Bo's read state shows at once. Bo is elsewhere
  // while "four" arrives: an open conversation would read it live, before the counter.
  await bo.page.goto("/notifications");
  await sendMessage(ada, "four");
  const beforeRead = await cacheStats(bo, tag);
  await bo.page.goto(boConversation);
  const four = messageArticles(bo).filter({ hasText: "four" });
  await expect(four.getByRole("button", { name: "Mark as unread" })).toBeVisible();
  // The expiry follows the read's commit, which may land after the page shows it: wait for
  // the counter instead of reading it once (a single read failed on a busy machine).
  await expect
    .poll(async () => (await cacheStats(bo, tag)).invalidations)
    .toBeGreaterThan(beforeRead.invalidations);
});

test("strangers and anonymous visitors never get a byte of a cached conversation or thread", async ({
  browser,
  playwright,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const cy = await registerPerson(browser, "Cy");
  await openConversation(ada, bo);
  const boId = otherIdFromUrl(ada);
  await sendMessage(ada, "secret plans");
  const rootId = (await messageArticles(ada).getAttribute("id"))?.replace("message-", "");
  await messageArticles(ada).getByRole("button", { name: "Reply" }).click();
  await ada.page.getByRole("textbox", { name: "Reply" }).fill("secret reply");
  await ada.page.getByRole("button", { name: "Send reply" }).click();
  await expect(ada.page.getByRole("link", { name: /View thread/ })).toBeVisible();

  for (const cached of [false, true]) {
    if (cached) {
      // Warm both caches as a participant first.
      await ada.page.goto(`/thread/${rootId}`);
      await expect(ada.page.getByRole("tree", { name: "Thread" })).toContainText("secret reply");
      await ada.page.goto(`/messages/${boId}`);
      await expect(messageArticles(ada)).toContainText("secret plans");
    }
    const thread = await cy.page.request.get(`/thread/${rootId}`);
    expect(thread.status()).toBe(404);
    expect(await thread.text()).not.toContain("secret");
    const conversation = await cy.page.request.get(`/messages/${boId}`);
    expect(conversation.status()).toBe(200);
    expect(await conversation.text()).not.toContain("secret");

    const anonymous = await playwright.request.newContext({
      baseURL: test.info().project.use.baseURL,
    });
    for (const path of [`/messages/${boId}`, `/thread/${rootId}`]) {
      const response = await anonymous.get(path, { maxRedirects: 0 });
      expect(response.status()).toBe(307);
      expect(response.headers().location).toMatch(/\/login/);
      expect(await response.text()).not.toContain("secret");
    }
    await anonymous.dispose();
  }
});

test("deleting an account expires the caches of all of that user's conversations", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const cy = await registerPerson(browser, "Cy");
  await openConversation(bo, ada);
  const adaId = otherIdFromUrl(bo);
  await sendMessage(bo, "hi Ada from Bo");
  await openConversation(cy, ada);
  await sendMessage(cy, "hi Ada from Cy");
  await openConversation(ada, bo);
  const tags = [conversationTag(adaId, otherIdFromUrl(ada))];
  await openConversation(ada, cy);
  tags.push(conversationTag(adaId, otherIdFromUrl(ada)));
  const before = await Promise.all(tags.map((tag) => cacheStats(ada, tag)));

  await ada.page.goto("/settings/account");
  await ada.page.getByLabel("Password").fill(PASSWORD);
  await ada.page.getByRole("button", { name: "Delete my account" }).click();
  await confirmDeletion(ada.page, ada.email);
  await expect(ada.page.getByText("Your account has been deleted.")).toBeVisible();

  const after = await Promise.all(tags.map((tag) => cacheStats(bo, tag)));
  for (const [index, stats] of after.entries()) {
    expect(stats.invalidations).toBeGreaterThan(before[index]?.invalidations ?? 0);
  }
  const gone = await bo.page.request.get(`/messages/${adaId}`);
  expect(gone.status()).toBe(404);
  await bo.page.goto("/messages");
  await expect(bo.page.getByRole("link", { name: ada.name })).toHaveCount(0);
});
