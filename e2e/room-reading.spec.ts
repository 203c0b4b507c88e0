import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page, test } from "@playwright/test";
import { openConversation, type Person, registerPerson, sendMessage } from "./helpers";
import { seedRoomMessages, userIdByEmail } from "./seed";

const MINUTE = 60_000;
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

function messagesRegion(page: Page) {
  return page.getByRole("region", { name: "Messages" });
}

function articles(person: Person) {
  return messagesRegion(person.page).getByRole("article");
}

async function top(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error("not rendered");
  return box.y;
}

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Ada creates an open room and lands in it; returns its name and id. */
async function openRoomOf(person: Person) {
  const name = `reading-${unique()}`;
  await person.page
    .getByRole("navigation", { name: "Rooms" })
    .getByRole("button", { name: "Create room" })
    .click();
  const dialog = person.page.getByRole("dialog", { name: "Create room" });
  await dialog.getByRole("textbox", { name: "Room name" }).fill(name);
  await dialog.getByRole("radio", { name: "Open" }).check();
  await dialog.getByRole("button", { name: "Create room" }).click();
  await expect(person.page.getByRole("heading", { name: `#${name}` })).toBeVisible();
  const id = Number(person.page.url().split("/").pop());
  return { name, id };
}

/** `count` room messages from one sender, a minute apart, ending `endAgo` ms ago. */
function seedSeries(
  senderId: number,
  roomId: number,
  count: number,
  label: string,
  endAgo: number,
) {
  const end = Date.now() - endAgo;
  return seedRoomMessages(
    Array.from({ length: count }, (_, i) => ({
      senderId,
      roomId,
      content: `${label} ${i}`,
      createdAt: end - (count - 1 - i) * MINUTE,
    })),
  );
}

async function join(person: Person, roomId: number) {
  await person.page.goto(`/rooms/${roomId}`);
  await person.page.getByRole("button", { name: "Join" }).click();
  await expect(person.page.getByRole("button", { name: "Leave room" })).toBeVisible();
}

test("a room opens at the first unread message under the divider, and the tab names it", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const cy = await registerPerson(browser, "Cy");
  const adaId = userIdByEmail(ada.email);
  const room = await openRoomOf(ada);
  await expect(ada.page).toHaveTitle(`#${room.name} · Cairo Chat`);
  seedSeries(adaId, room.id, 30, "history", 60 * MINUTE);
  await sendMessage(ada, "history end");
  // Bo joins: what was written before is read.
  await join(bo, room.id);
  await bo.page.goto("/messages");
  seedSeries(adaId, room.id, 15, "unread", 5 * MINUTE);
  await sendMessage(ada, "unread last");

  await bo.page
    .getByRole("navigation", { name: "Rooms" })
    .getByRole("link", { name: new RegExp(`#${room.name}`) })
    .click();
  await expect(bo.page.getByRole("heading", { name: `#${room.name}` })).toBeVisible();
  const divider = messagesRegion(bo.page).getByRole("separator", { name: "New messages" });
  await expect(divider).toBeInViewport();
  const firstUnread = articles(bo).filter({ has: bo.page.getByText("unread 0", { exact: true }) });
  await expect(firstUnread).toBeInViewport();
  await expect(articles(bo).filter({ hasText: "history 0" })).not.toBeInViewport();
  await expect(articles(bo).filter({ hasText: "unread last" })).not.toBeInViewport();
  expect(await top(divider)).toBeLessThan(await top(firstUnread));
  expect(await seriousViolations(bo.page)).toEqual([]);

  // The room is read once open; an unread direct message puts its count in front of the name.
  await expect(bo.page).toHaveTitle(`#${room.name} · Cairo Chat`);
  await openConversation(cy, bo);
  await sendMessage(cy, "Unread for Bo");
  await expect(bo.page).toHaveTitle(`(1) #${room.name} · Cairo Chat`);
  await bo.page.reload();
  await expect(bo.page).toHaveTitle(`(1) #${room.name} · Cairo Chat`);
});

test("scrolled up in a room, new messages bring Jump to latest with their count", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const room = await openRoomOf(ada);
  seedSeries(userIdByEmail(ada.email), room.id, 40, "history", 60 * MINUTE);
  await sendMessage(ada, "history end");
  await join(bo, room.id);
  await expect(articles(bo).filter({ hasText: "history end" })).toBeInViewport();
  const jump = bo.page.getByRole("button", { name: /^Jump to latest/ });
  await expect(jump).toHaveCount(0);
  await expect(messagesRegion(bo.page).getByRole("separator")).toHaveCount(0);

  await messagesRegion(bo.page).evaluate((element) => {
    element.scrollTop = 0;
  });
  await expect(articles(bo).filter({ hasText: "history end" })).not.toBeInViewport();
  await sendMessage(ada, "new one");
  await sendMessage(ada, "new two");
  await sendMessage(ada, "new three");
  await expect(jump).toHaveText(/3 new/);
  await expect(articles(bo).filter({ hasText: "new three" })).not.toBeInViewport();
  expect(await seriousViolations(bo.page)).toEqual([]);

  await jump.click();
  await expect(articles(bo).filter({ hasText: "new three" })).toBeInViewport();
  await expect(jump).toHaveCount(0);
});

test("the inbox lists unread room messages beside direct ones, each opening at its message", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const room = await openRoomOf(ada);
  await join(bo, room.id);
  await bo.page.goto("/inbox");
  await openConversation(ada, bo);
  await sendMessage(ada, "A direct word");
  await ada.page.goto(`/rooms/${room.id}`);
  await sendMessage(ada, "A word to the room");

  await bo.page.goto("/inbox");
  const inboxLink = bo.page.getByRole("navigation").getByRole("link", { name: /Inbox/ });
  await expect(inboxLink).toHaveText(/Inbox\s*2/);
  const unread = bo.page.getByRole("article");
  await expect(unread).toHaveCount(2);
  await expect(unread.nth(0)).toContainText("A word to the room");
  await expect(unread.nth(1)).toContainText("A direct word");
  expect(await seriousViolations(bo.page)).toEqual([]);
  const roomLink = bo.page.getByRole("link", { name: `${ada.name} in #${room.name}` });
  await expect(roomLink).toBeVisible();
  await roomLink.click();
  await expect(bo.page.getByRole("heading", { name: `#${room.name}` })).toBeVisible();
  await expect(bo.page).toHaveURL(/#message-\d+$/);
  await expect(articles(bo).filter({ hasText: "A word to the room" })).toBeInViewport();
  await expect(inboxLink).toHaveText(/Inbox\s*1/);

  // Muted, the room stays out of the inbox and its count.
  await bo.page.getByRole("button", { name: "Mute room" }).click();
  await expect(bo.page.getByRole("button", { name: "Unmute room" })).toBeVisible();
  await sendMessage(ada, "Said while muted");
  await bo.page.goto("/inbox");
  await expect(bo.page.getByRole("article")).toHaveCount(1);
  await expect(bo.page.getByRole("article")).toContainText("A direct word");
  await expect(inboxLink).toHaveText(/Inbox\s*1/);
});

test("a room loads older messages, and a search result reopens the room at an old message", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const adaId = userIdByEmail(ada.email);
  const room = await openRoomOf(ada);
  const word = `zebra${unique()}`;
  await sendMessage(ada, `The ${word} plan`);
  const start = Date.now();
  seedRoomMessages(
    Array.from({ length: 60 }, (_, i) => ({
      senderId: adaId,
      roomId: room.id,
      content: `filler ${i}`,
      createdAt: start + i,
    })),
  );
  await sendMessage(ada, "latest");
  await ada.page.reload();
  const region = messagesRegion(ada.page);
  await expect(articles(ada).filter({ hasText: "latest" })).toBeInViewport();
  await expect(articles(ada)).toHaveCount(50);
  await region.getByRole("button", { name: "Load older" }).click();
  await expect(articles(ada)).toHaveCount(62);
  await expect(region.getByRole("button", { name: "Load older" })).toHaveCount(0);
  await expect(articles(ada).first()).toContainText(word);

  await ada.page.goto(`/search?q=${word}`);
  const result = ada.page.getByRole("article");
  await expect(result).toHaveCount(1);
  await result.getByRole("link", { name: "Open in conversation" }).click();
  await expect(ada.page).toHaveURL(/\/rooms\/\d+\?at=\d+#message-\d+$/);
  // Opened afresh (a link shared, a new tab), the page reaches back to the message.
  await ada.page.reload();
  const anchor = ada.page.locator(`[id="${new URL(ada.page.url()).hash.slice(1)}"]`);
  await expect(anchor).toContainText(word);
  await expect(anchor).toBeInViewport();
});

test("a message typed while the previous send is still being answered is sent too, not wiped", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const room = await openRoomOf(ada);
  // Every send's answer is slow (the JSON API and the form's server action alike).
  await ada.page.route(
    (url) => url.pathname === "/api/messages" || url.pathname === `/rooms/${room.id}`,
    async (route) => {
      if (route.request().method() !== "POST") return route.fallback();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.fallback();
    },
  );
  const box = ada.page.getByRole("textbox", { name: "Message" });
  await box.fill("first of two");
  await ada.page.getByRole("button", { name: "Send" }).click();
  await box.fill("second of two");
  await ada.page.getByRole("button", { name: "Send" }).click();
  for (const text of ["first of two", "second of two"]) {
    await expect(articles(ada).filter({ hasText: text })).toHaveCount(1);
  }
  await expect(box).toHaveValue("");
  await expect(ada.page.getByRole("alert").filter({ hasText: /empty|failed/i })).toHaveCount(0);
});

test("a room open in a visible tab is read as messages arrive; hidden, what arrives stays unread", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const room = await openRoomOf(ada);
  const readPosted = (watching: boolean) =>
    bo.page.waitForResponse(
      (response) =>
        response.url().endsWith(`/api/rooms/${room.id}/read`) &&
        response.request().postDataJSON()?.watching === watching,
    );
  const watching = readPosted(true);
  await join(bo, room.id);
  expect((await watching).status()).toBe(200);

  // Bo's other tab reads the server's position: nothing unread while the room is watched.
  const elsewhere = await bo.page.context().newPage();
  const inboxOf = (page: Page) => page.getByRole("navigation").getByRole("link", { name: /Inbox/ });
  await sendMessage(ada, "Seen as it arrives");
  await expect(articles(bo).filter({ hasText: "Seen as it arrives" })).toBeVisible();
  await elsewhere.goto("/inbox");
  await expect(elsewhere.getByRole("heading", { name: "Inbox" })).toBeVisible();
  await expect(elsewhere.getByRole("article")).toHaveCount(0);
  await expect(inboxOf(elsewhere)).toHaveText(/^\s*Inbox\s*$/);

  // The room's tab goes hidden: its watch ends, and the next message waits for Bo.
  const ended = readPosted(false);
  await bo.page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  expect((await ended).status()).toBe(200);
  await sendMessage(ada, "Said while Bo looked away");
  await expect(articles(bo).filter({ hasText: "Said while Bo looked away" })).toBeAttached();
  await elsewhere.reload();
  await expect(elsewhere.getByRole("article")).toHaveCount(1);
  await expect(elsewhere.getByRole("article")).toContainText("Said while Bo looked away");
  await expect(inboxOf(elsewhere)).toHaveText(/Inbox\s*1/);
});
