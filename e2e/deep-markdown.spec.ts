import { expect, test } from "@playwright/test";
import {
  messageArticles,
  openConversation,
  otherIdFromUrl,
  registerPerson,
  sendMessage,
} from "./helpers";

/** At most 10,000 characters each, nested far past what Markdown is rendered for. */
const DEEP_QUOTE = `${"> ".repeat(4_999)}x`;
const DEEP_LIST = `${"- ".repeat(3_000)}deeplist`;

test("a message nested too deep arrives live as its text, and the conversation keeps working", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  const errors: string[] = [];
  bo.page.on("pageerror", (error) => errors.push(error.message));
  await openConversation(ada, bo);
  const boId = otherIdFromUrl(ada);
  await openConversation(bo, ada);
  await sendMessage(bo, "before the deep ones");

  // Sent through the API, so only the live event brings them to Bo's open conversation.
  const origin = new URL(ada.page.url()).origin;
  for (const content of [DEEP_QUOTE, DEEP_LIST]) {
    const sent = await ada.page.request.post("/api/messages", {
      data: { receiverId: boId, content },
      headers: { origin },
    });
    expect(sent.status()).toBe(201);
  }

  const quote = messageArticles(bo).filter({
    hasText: "> > > > > > > > > > > > > > > > > > > > > x",
  });
  const list = messageArticles(bo).filter({
    hasText: "- - - - - - - - - - - - - - - - - - - - - deeplist",
  });
  await expect(quote).toBeVisible();
  await expect(list).toBeVisible();
  await expect(bo.page.getByText("Something went wrong")).toHaveCount(0);
  await expect(bo.page.getByRole("heading", { name: ada.name })).toBeVisible();
  // Shown as typed: no quote or list elements, every character there.
  await expect(quote.locator("blockquote")).toHaveCount(0);
  // By role: the closed "Add reaction" dialog of each message holds a list of its own.
  await expect(list.getByRole("list")).toHaveCount(0);
  await expect(list.getByRole("listitem")).toHaveCount(0);
  expect((await quote.textContent())?.includes(DEEP_QUOTE)).toBe(true);

  // Bo's composer still works, and the reply reaches Ada.
  await sendMessage(bo, "still here after the deep ones");
  await expect(
    messageArticles(ada).filter({ hasText: "still here after the deep ones" }),
  ).toBeVisible();
  await expect(messageArticles(bo)).toHaveCount(4);

  // A reload renders them on the server too, and the page keeps working.
  await bo.page.reload();
  await expect(quote).toBeVisible();
  await expect(list).toBeVisible();
  await expect(bo.page.getByText("Something went wrong")).toHaveCount(0);
  await sendMessage(bo, "and after a reload");
  expect(errors).toEqual([]);
});
