import { expect, test } from "@playwright/test";
import { openConversation, registerPerson, sendMessage } from "./helpers";

/** The text of every <time> element in a page's HTML as the server wrote it. */
function serverTimes(html: string): string[] {
  return [...html.matchAll(/<time[^>]*>([^<]*)<\/time>/g)].map((match) => match[1] ?? "");
}

test("the server's HTML names the moment, never its distance from when it was written", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(ada, bo);
  await sendMessage(ada, "written at a true time");

  for (const path of ["/inbox", "/notifications"]) {
    const html = await (await bo.page.request.get(path)).text();
    const times = serverTimes(html);
    expect(times.length, path).toBeGreaterThan(0);
    for (const time of times) {
      // Served from a cache a while later, "just now" would be false: an absolute UTC time.
      expect(time, path).not.toMatch(/ago|just now|yesterday/i);
      expect(time, path).toMatch(/\d{4}, \d{1,2}:\d{2} [AP]M UTC$/);
    }
  }

  // A conversation's day separators: the server cannot know the reader's "Today".
  await openConversation(bo, ada);
  const conversation = await (await bo.page.request.get(bo.page.url())).text();
  expect(conversation).toContain("written at a true time");
  expect(conversation).not.toMatch(/>(Today|Yesterday)</);
  await expect(bo.page.getByRole("region", { name: "Messages" })).toContainText("Today");
});

test("relative times are true when the page opens and stay true while it is open", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(ada, bo);
  await sendMessage(ada, "sent a quarter of an hour ago");

  // Bo reads it 15 minutes later, by the browser's clock.
  await bo.page.clock.install({ time: Date.now() + 15 * 60_000 });
  await bo.page.goto("/notifications");
  const time = bo.page.getByRole("main").locator("time").first();
  await expect(time).toHaveText(/^1[56] min\. ago$/);
  // Half an hour later, with the page still open.
  await bo.page.clock.fastForward("30:00");
  await expect(time).toHaveText(/^4[56] min\. ago$/);
  await bo.page.clock.fastForward("20:00");
  await expect(time).toHaveText(/^1 hr\. ago$/);

  // Opened again by a client-side navigation, after the time moved on.
  await bo.page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: /Inbox/ })
    .click();
  await expect(bo.page.getByRole("heading", { name: "Inbox" })).toBeVisible();
  await expect(bo.page.getByRole("main").locator("time").first()).toHaveText(/^1 hr\. ago$/);
});
