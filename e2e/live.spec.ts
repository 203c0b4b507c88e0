import { expect, test } from "@playwright/test";
import {
  BUDGET,
  cookieHeader,
  messageArticles,
  openConversation,
  openEventStream,
  otherIdFromUrl,
  registerPerson,
  sendMessage,
} from "./helpers";

/**
 * How long a live change may take to reach the other person's screen. The live path itself
 * takes tens of milliseconds (`npm run bench:live` measures it); on screen it also includes a
 * refetch and a render, which a loaded 2-core machine stretches to seconds. 8 s keeps a wide
 * margin for that and stays under the 10 s polling fallback (POLL_MS in
 * components/LiveUpdates.tsx), so only the stream can meet it.
 */
const LIVE = { timeout: 8_000 };

test("messages, edits, deletions and counts reach the other person live", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(bo, ada);
  await openConversation(ada, bo);

  const started = Date.now();
  await sendMessage(ada, "Are you there?");
  await expect(messageArticles(bo).filter({ hasText: "Are you there?" })).toBeVisible(LIVE);
  test
    .info()
    .annotations.push({ type: "send-to-display-ms", description: String(Date.now() - started) });

  await messageArticles(ada).getByRole("button", { name: "Edit", exact: true }).click();
  await ada.page.getByRole("textbox", { name: "Edit message" }).fill("Are you there, Bo?");
  await ada.page.getByRole("textbox", { name: "Edit message" }).press("Enter");
  const edited = messageArticles(bo).filter({ hasText: "Are you there, Bo?" });
  await expect(edited).toBeVisible(LIVE);
  await expect(edited).toContainText("(edited)", LIVE);

  await messageArticles(ada).getByRole("button", { name: "Delete" }).click();
  await ada.page.getByRole("button", { name: "Yes, delete" }).click();
  await expect(messageArticles(bo)).toHaveCount(0, LIVE);

  // Bo is elsewhere: the Inbox count in the navigation follows.
  await bo.page.goto("/notifications");
  const inbox = bo.page.getByRole("navigation").getByRole("link", { name: /Inbox/ });
  await expect(inbox).toHaveText(/^\s*Inbox\s*$/);
  await sendMessage(ada, "ping");
  await expect(inbox).toHaveText(/Inbox\s*1/, LIVE);
  await sendMessage(ada, "ping again");
  await expect(inbox).toHaveText(/Inbox\s*2/, LIVE);
  // The notifications list on screen refreshes too.
  await expect(bo.page.getByRole("main").getByRole("listitem").first()).toContainText(
    "ping again",
    LIVE,
  );
});

test("a failed send rolls back the pending message and keeps the text", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(ada, bo);
  const tooLong = "y".repeat(10_001);
  const box = ada.page.getByRole("textbox", { name: "Message" });
  await box.fill(tooLong);
  await box.press("Enter");
  await expect(
    ada.page.getByRole("alert").filter({ hasText: /at most 10,000 characters/ }),
  ).toBeVisible();
  await expect(messageArticles(ada)).toHaveCount(0);
  await expect(box).toHaveValue(tooLong);

  // Shift+Enter is a new line, Enter sends; focus stays in the box.
  await box.fill("line one");
  await box.press("Shift+Enter");
  await box.pressSequentially("line two");
  await box.press("Enter");
  await expect(messageArticles(ada).filter({ hasText: "line one" })).toContainText("line two");
  await expect(box).toHaveValue("");
  await expect(box).toBeFocused();
});

test("Load older pages through 200 messages, 50 at a time, without gaps or duplicates", async ({
  browser,
}) => {
  // 200 sends and four page loads of 50 messages: more work than a journey.
  test.setTimeout(BUDGET.bulk);
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(ada, bo);
  const boId = otherIdFromUrl(ada);
  const conversation = ada.page.url();
  // Seed with no chat page open, so 200 live events do not trigger 200 refetches.
  await ada.page.goto("about:blank");
  for (let i = 0; i < 200; i++) {
    const response = await ada.page.request.post("/api/messages", {
      data: { receiverId: boId, content: `m${String(i).padStart(3, "0")}` },
    });
    expect(response.status()).toBe(201);
  }
  await ada.page.goto(conversation);
  const articles = messageArticles(ada);
  await expect(articles).toHaveCount(50);
  await expect(articles.last()).toContainText("m199");
  for (const count of [100, 150, 200]) {
    await ada.page.getByRole("button", { name: "Load older" }).click();
    await expect(articles).toHaveCount(count);
  }
  await expect(ada.page.getByRole("button", { name: "Load older" })).toHaveCount(0);
  const contents = await articles.locator("p").allTextContents();
  expect(contents).toEqual(Array.from({ length: 200 }, (_, i) => `m${String(i).padStart(3, "0")}`));
});

test("the live stream is private, refused to anonymous requests, and resumes without loss", async ({
  browser,
  baseURL,
}) => {
  const base = baseURL ?? "";
  const anonymous = await fetch(`${base}/api/events`);
  expect(anonymous.status).toBe(401);

  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const cy = await registerPerson(browser, "Cy");
  await openConversation(ada, bo);
  const spy = await openEventStream(base, await cookieHeader(cy));
  expect(spy.status).toBe(200);
  const first = await openEventStream(base, await cookieHeader(bo));

  await sendMessage(ada, "first");
  await expect.poll(() => first.frames.filter((f) => f.id).length).toBeGreaterThan(0);
  const lastSeen = first.frames.filter((f) => f.id).at(-1)?.id;
  await first.stop();

  // Bo is away while three messages arrive; reconnecting replays exactly those events.
  for (const content of ["second", "third", "fourth"]) await sendMessage(ada, content);
  const resumed = await openEventStream(base, await cookieHeader(bo), lastSeen);
  const created = () => resumed.frames.filter((f) => f.data?.includes("message.created"));
  await expect.poll(() => created().length).toBe(3);
  // A live message after the replay marks the end of it (the stream is in order): once it
  // is here, any duplicate of a replayed event would have arrived too. No sleep needed.
  await sendMessage(ada, "fifth");
  await expect.poll(() => created().length).toBeGreaterThanOrEqual(4);
  const ids = resumed.frames.filter((f) => f.id).map((f) => f.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(created()).toHaveLength(4);
  await resumed.stop();

  await spy.stop();
  expect(spy.frames.filter((f) => f.id)).toEqual([]);
});
