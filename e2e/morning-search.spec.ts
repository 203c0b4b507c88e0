import { expect, test } from "@playwright/test";
import { openConversation, registerPerson, sendMessage } from "./helpers";

test("search filters take a first name, results say who wrote to whom, and an ambiguous name lists who it could be", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const zubair = await registerPerson(browser, "Zubair");
  await openConversation(zubair, ada);
  await zubair.page
    .getByRole("textbox", { name: "Message" })
    .fill("the `deprecated` endpoint goes on **Friday** :raised_hands:");
  await zubair.page.getByRole("button", { name: "Send" }).click();
  await expect(
    zubair.page.getByRole("article").filter({ hasText: "endpoint goes on" }),
  ).not.toHaveAttribute("id", /^message--/);
  await openConversation(ada, zubair);
  await sendMessage(ada, "deprecated, noted");

  const box = ada.page.getByRole("searchbox", { name: "Search messages" });
  await ada.page.goto("/search");
  await box.fill("deprecated from:zubair");
  await box.press("Enter");
  const results = ada.page.getByRole("main").getByRole("article");
  await expect(results).toHaveCount(1);
  await expect(results.first()).toHaveAccessibleName(`${zubair.name} to you`);
  // The snippet reads as the conversation does: no Markdown marks, the emoji, the highlight.
  await expect(results.first()).toContainText("the deprecated endpoint goes on Friday 🙌");
  await expect(results.first().locator("mark")).toHaveText("deprecated");

  await box.fill("deprecated");
  await box.press("Enter");
  await expect(results).toHaveCount(2);
  await expect(ada.page.getByRole("article", { name: `You to ${zubair.name}` })).toContainText(
    "deprecated, noted",
  );
  await expect(ada.page.getByRole("article", { name: `${zubair.name} to you` })).toContainText(
    "the deprecated endpoint",
  );

  // A second Zubair: the filter names both, with their emails to choose from.
  const namesake = await registerPerson(browser, "Zubair");
  await box.fill("deprecated from:zubair");
  await box.press("Enter");
  const error = ada.page.getByText(/"zubair" could be/);
  await expect(error).toContainText(`${zubair.name} (${zubair.email})`);
  await expect(error).toContainText(`${namesake.name} (${namesake.email})`);
});
