import { expect, type Locator, type Page, test } from "@playwright/test";
import { BUDGET, messageArticles, openConversation, registerPerson, sendMessage } from "./helpers";
import {
  isRead,
  type SeedMessage,
  seedMessages,
  unreadNotificationCount,
  userIdByEmail,
} from "./seed";

const MINUTE = 60_000;

function messagesRegion(page: Page) {
  return page.getByRole("region", { name: "Messages" });
}

/** `count` messages from one to the other, a minute apart, ending `endAgo` ms ago. */
function series(
  senderId: number,
  receiverId: number,
  count: number,
  label: string,
  { read = false, endAgo = 60 * MINUTE } = {},
): SeedMessage[] {
  const end = Date.now() - endAgo;
  return Array.from({ length: count }, (_, i) => ({
    senderId,
    receiverId,
    content: `${label} ${i}`,
    createdAt: end - (count - 1 - i) * MINUTE,
    read,
  }));
}

async function top(selector: Locator) {
  const box = await selector.boundingBox();
  if (!box) throw new Error("not rendered");
  return box.y;
}

test("a conversation opens at the first unread message, under the divider", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const adaId = userIdByEmail(ada.email);
  const boId = userIdByEmail(bo.email);
  seedMessages([
    ...series(adaId, boId, 30, "read", { read: true, endAgo: 40 * MINUTE }),
    ...series(adaId, boId, 15, "unread", { endAgo: 5 * MINUTE }),
  ]);
  await openConversation(bo, ada);
  const divider = messagesRegion(bo.page).getByRole("separator", { name: "New messages" });
  await expect(divider).toBeInViewport();
  const firstUnread = messageArticles(bo).filter({
    has: bo.page.getByText("unread 0", { exact: true }),
  });
  await expect(firstUnread).toBeInViewport();
  // Not scrolled to the bottom, nor to the top.
  await expect(messageArticles(bo).filter({ hasText: "unread 14" })).not.toBeInViewport();
  await expect(messageArticles(bo).filter({ hasText: "read 0" }).first()).not.toBeInViewport();
  expect(await top(divider)).toBeLessThan(await top(firstUnread));
});

test("the divider moves above older unread messages after Load older", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const adaId = userIdByEmail(ada.email);
  const boId = userIdByEmail(bo.email);
  // 60 unread after 5 read: the newest page of 50 is all unread, the first 10 are older.
  seedMessages([
    ...series(adaId, boId, 5, "old read", { read: true, endAgo: 100 * MINUTE }),
    ...series(adaId, boId, 60, "unread", { endAgo: 5 * MINUTE }),
  ]);
  await openConversation(bo, ada);
  const region = messagesRegion(bo.page);
  const divider = region.getByRole("separator", { name: "New messages" });
  await expect(divider).toHaveCount(1);
  const pageStart = messageArticles(bo).filter({
    has: bo.page.getByText("unread 10", { exact: true }),
  });
  expect(await top(divider)).toBeLessThan(await top(pageStart));

  await region.getByRole("button", { name: "Load older" }).click();
  const firstUnread = messageArticles(bo).filter({
    has: bo.page.getByText("unread 0", { exact: true }),
  });
  await expect(firstUnread).toHaveCount(1);
  await expect(divider).toHaveCount(1);
  const lastRead = messageArticles(bo).filter({ hasText: "old read 4" });
  const dividerTop = await top(divider);
  expect(dividerTop).toBeGreaterThan(await top(lastRead));
  expect(dividerTop).toBeLessThan(await top(firstUnread));
});

test("scrolled up, new messages bring a Jump to latest button with their count", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const adaId = userIdByEmail(ada.email);
  const boId = userIdByEmail(bo.email);
  seedMessages(series(adaId, boId, 40, "history", { read: true }));
  await openConversation(bo, ada);
  await openConversation(ada, bo);
  await expect(messageArticles(bo).filter({ hasText: "history 39" })).toBeInViewport();
  const jump = bo.page.getByRole("button", { name: /^Jump to latest/ });
  await expect(jump).toHaveCount(0);

  await messagesRegion(bo.page).evaluate((element) => {
    element.scrollTop = 0;
  });
  await expect(messageArticles(bo).filter({ hasText: "history 39" })).not.toBeInViewport();
  await sendMessage(ada, "new one");
  await sendMessage(ada, "new two");
  await sendMessage(ada, "new three");
  await expect(jump).toHaveText(/3/);
  // Still where the reader was.
  await expect(messageArticles(bo).filter({ hasText: "new three" })).not.toBeInViewport();

  await jump.click();
  await expect(messageArticles(bo).filter({ hasText: "new three" })).toBeInViewport();
  await expect(jump).toHaveCount(0);
});

test("a tall message is read only once its end has been on screen", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const adaId = userIdByEmail(ada.email);
  const boId = userIdByEmail(bo.email);
  const tallText = Array.from({ length: 150 }, (_, i) => `line ${i} of a long report`).join("\n");
  const [short, tall] = seedMessages([
    {
      senderId: adaId,
      receiverId: boId,
      content: "short unread",
      createdAt: Date.now() - 3 * MINUTE,
    },
    { senderId: adaId, receiverId: boId, content: tallText, createdAt: Date.now() - 2 * MINUTE },
  ]);
  if (!short || !tall) throw new Error("not seeded");
  await openConversation(bo, ada);
  const tallArticle = messageArticles(bo).filter({ hasText: "line 0 of a long report" });
  await expect(tallArticle).toBeInViewport();
  // Both came on screen together: the short one is read, the tall one (its end unseen) not.
  await expect.poll(() => isRead(short)).toBe(true);
  expect(isRead(tall)).toBe(false);

  await messagesRegion(bo.page).evaluate((element) => {
    element.scrollTop = element.scrollHeight;
  });
  await expect.poll(() => isRead(tall)).toBe(true);
});

test("a thread link counts new replies; the thread marks them read, deep ones too", async ({
  browser,
}) => {
  test.setTimeout(BUDGET.scene);
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const adaId = userIdByEmail(ada.email);
  const boId = userIdByEmail(bo.email);
  const start = Date.now() - 30 * MINUTE;
  const [root] = seedMessages([
    { senderId: adaId, receiverId: boId, content: "root question", createdAt: start, read: true },
  ]);
  if (!root) throw new Error("not seeded");
  const [first, second] = seedMessages([
    {
      senderId: boId,
      receiverId: adaId,
      parentId: root,
      content: "answer one",
      createdAt: start + MINUTE,
    },
    {
      senderId: boId,
      receiverId: adaId,
      parentId: root,
      content: "answer two",
      createdAt: start + 2 * MINUTE,
    },
  ]);
  // A chain 12 deep under the first answer, alternating, each unread by its receiver.
  const chain: number[] = [];
  let parent = first as number;
  for (let depth = 2; depth <= 12; depth++) {
    const fromAda = depth % 2 === 0;
    const [id] = seedMessages([
      {
        senderId: fromAda ? adaId : boId,
        receiverId: fromAda ? boId : adaId,
        parentId: parent,
        content: `depth ${depth}`,
        createdAt: start + (depth + 2) * MINUTE,
      },
    ]);
    if (!id) throw new Error("not seeded");
    chain.push(id);
    parent = id;
  }
  // Ada received answer one, answer two, and depths 3, 5, 7, 9, 11.
  await openConversation(ada, bo);
  const link = ada.page.getByRole("link", { name: /^View thread/ });
  await expect(link).toContainText("13 replies");
  await expect(link).toContainText("7 new replies");

  await link.click();
  const tree = ada.page.getByRole("tree", { name: "Thread" });
  // Root, the two answers, depths 2 to 8 of the chain.
  await expect(tree.getByRole("treeitem")).toHaveCount(10);
  for (let i = 0; i < 10; i++) await tree.getByRole("treeitem").nth(i).scrollIntoViewIfNeeded();
  await expect.poll(() => [first, second].map((id) => isRead(id as number))).toEqual([true, true]);
  const deep = (depth: number) => chain[depth - 2] as number;
  await expect.poll(() => [3, 5, 7].map((d) => isRead(deep(d)))).toEqual([true, true, true]);
  // Deeper than the indented levels: not shown, so not read; "Continue this thread" shows them.
  expect([9, 11].map((d) => isRead(deep(d)))).toEqual([false, false]);
  await tree.getByRole("link", { name: "Continue this thread" }).click();
  await expect(ada.page.getByRole("treeitem").filter({ hasText: "depth 12" })).toBeVisible();
  await expect.poll(() => [9, 11].map((d) => isRead(deep(d)))).toEqual([true, true]);

  // Back in the conversation, nothing is new any more.
  await openConversation(ada, bo);
  await expect(ada.page.getByRole("link", { name: /^View thread/ })).toContainText("13 replies");
  await expect(ada.page.getByRole("link", { name: /^View thread/ })).not.toContainText("new");
});

test("the thread page has its own reply box for the root", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(ada, bo);
  await sendMessage(ada, "a thread starter");
  const id = await messageArticles(ada).getAttribute("id");
  await ada.page.goto(`/thread/${id?.replace("message-", "")}`);
  const tree = ada.page.getByRole("tree", { name: "Thread" });
  await expect(tree.getByRole("treeitem")).toHaveCount(1);
  await ada.page.getByRole("textbox", { name: "Reply" }).fill("answering the root");
  await ada.page.getByRole("button", { name: "Send reply" }).click();
  const reply = tree.getByRole("treeitem").filter({ hasText: "answering the root" });
  await expect(reply).toHaveAttribute("aria-level", "2");
  await expect(ada.page.getByRole("textbox", { name: "Reply" })).toHaveValue("");

  // A reply's "Reply" points the same box at it; Escape points it back at the root.
  await reply.getByRole("button", { name: "Reply" }).click();
  const box = ada.page.getByRole("textbox", { name: "Reply" });
  await expect(box).toBeFocused();
  await box.fill("nested answer");
  await ada.page.getByRole("button", { name: "Send reply" }).click();
  await expect(tree.getByRole("treeitem").filter({ hasText: "nested answer" })).toHaveAttribute(
    "aria-level",
    "3",
  );
});

test("notifications: Load more past the first page, and Mark all as read for every one", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const adaId = userIdByEmail(ada.email);
  const boId = userIdByEmail(bo.email);
  seedMessages(series(adaId, boId, 55, "ping").map((message) => ({ ...message, notify: true })));
  await bo.page.goto("/notifications");
  const items = bo.page.getByRole("main").getByRole("listitem");
  await expect(items).toHaveCount(50);
  await expect(items.first()).toContainText("ping 54");
  await bo.page.getByRole("button", { name: "Load more" }).click();
  await expect(items).toHaveCount(55);
  await expect(items.last()).toContainText("ping 0");
  await expect(bo.page.getByRole("button", { name: "Load more" })).toHaveCount(0);

  await bo.page.getByRole("button", { name: "Mark all as read" }).click();
  await expect.poll(() => unreadNotificationCount(boId)).toBe(0);
  await expect(items.filter({ hasText: "(unread)" })).toHaveCount(0);
});
