import { expect, type Locator, test } from "@playwright/test";
import { messageArticles, openConversation, registerPerson } from "./helpers";

const RAW_HTML = `<b>raw</b> <img src=x onerror="window.__pwned = 'img'">`;
const SOURCE = [
  "**bold** _italic_ ~~struck~~ `inline code` :tada: :not_an_emoji:",
  "",
  "> a quote",
  "",
  "- first item",
  "- second item",
  "",
  "```js",
  "const answer = 42;",
  "```",
  "",
  "See https://example.com/docs and [x](javascript:window.__pwned='link')",
  RAW_HTML,
].join("\n");

/** Every construct of the message, rendered, in the article that holds it. */
async function expectFormatted(article: Locator) {
  await expect(article.locator("strong")).toHaveText("bold");
  await expect(article.locator("em")).toHaveText("italic");
  await expect(article.locator("del")).toHaveText("struck");
  await expect(article.locator("p code")).toHaveText("inline code");
  await expect(article.locator("pre code.language-js")).toHaveText("const answer = 42;\n");
  await expect(article.locator("blockquote")).toHaveText("a quote");
  await expect(article.locator("ul > li")).toHaveText(["first item", "second item"]);
  await expect(article).toContainText("🎉 :not_an_emoji:");
  const link = article.getByRole("link", { name: "https://example.com/docs" });
  await expect(link).toHaveAttribute("href", "https://example.com/docs");
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", "noopener noreferrer");
  // A javascript: link is its text only; raw HTML is shown as typed and never becomes live.
  await expect(article.getByRole("link", { name: "x", exact: true })).toHaveCount(0);
  await expect(article).toContainText(RAW_HTML);
  await expect(article.locator("img, b, script, iframe")).toHaveCount(0);
  expect(await article.page().evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBe(
    undefined,
  );
}

test("a formatted message renders its Markdown, previews stay plain, history keeps the source", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(ada, bo);
  await ada.page.getByRole("textbox", { name: "Message" }).fill(SOURCE);
  await ada.page.getByRole("button", { name: "Send" }).click();
  const sent = messageArticles(ada).filter({ hasText: "a quote" });
  await expect(sent).not.toHaveAttribute("id", /^message--/);
  await expectFormatted(sent);

  // Bo's inbox shows the message as plain text: no Markdown markers, no markup.
  await bo.page.goto("/inbox");
  const preview = bo.page.getByRole("article").filter({ hasText: ada.name });
  await expect(preview).toContainText("bold italic struck inline code 🎉 :not_an_emoji: a quote");
  await expect(preview).not.toContainText("**");
  await expect(preview.locator("strong, em, code, blockquote")).toHaveCount(0);

  await bo.page.goto("/notifications");
  const notification = bo.page
    .getByRole("main")
    .getByRole("listitem")
    .filter({ hasText: ada.name });
  await expect(notification).toContainText("bold italic struck");
  await expect(notification).not.toContainText("**");

  // Bo reads it rendered, after a fresh server render.
  await openConversation(bo, ada);
  await bo.page.reload({ waitUntil: "load" });
  await expectFormatted(messageArticles(bo).filter({ hasText: "a quote" }));

  // Ada edits the Markdown; the history diffs the source text, markers included.
  await sent.getByRole("button", { name: "Edit", exact: true }).click();
  const editor = ada.page.getByRole("textbox", { name: "Edit message" });
  await expect(editor).toHaveValue(SOURCE);
  await editor.fill(SOURCE.replace("**bold**", "**bolder**"));
  await editor.press("Enter");
  await expect(sent).toContainText("(edited)");
  await expect(sent.locator("strong")).toHaveText("bolder");

  await bo.page.reload();
  const message = messageArticles(bo).filter({ hasText: "a quote" });
  await message.getByRole("button", { name: "View edit history" }).click();
  const dialog = bo.page.getByRole("dialog", { name: "Edit history" });
  const versions = dialog.getByRole("listitem");
  await expect(versions).toHaveCount(2);
  await expect(versions.nth(0).locator("ins")).toHaveText("**bolder**");
  await expect(versions.nth(0).locator("del")).toHaveText("**bold**");
  await expect(versions.nth(1)).toContainText("**bold** _italic_ ~~struck~~ `inline code`");
  await expect(versions.nth(1)).toContainText("Original");
});
