import { expect, test } from "@playwright/test";
import { openConversation, registerPerson, sendMessage } from "./helpers";

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`"(edited)" stays on the message's last line at ${viewport.width} px`, async ({
    browser,
  }) => {
    const ada = await registerPerson(browser, "Ada");
    const bo = await registerPerson(browser, "Bo");
    await ada.page.setViewportSize(viewport);
    await openConversation(ada, bo);
    await sendMessage(ada, "Short note");
    const article = ada.page.getByRole("article").filter({ hasText: "Short note" });
    await article.hover();
    await article.getByRole("button", { name: "Edit" }).click();
    await ada.page.getByRole("textbox", { name: "Edit message" }).fill("Short note, fixed");
    await ada.page.getByRole("button", { name: "Save" }).click();
    const edited = article.getByText("(edited)");
    await expect(edited).toBeVisible();
    const text = article.getByText("Short note, fixed");
    const textBox = await text.boundingBox();
    const editedBox = await edited.boundingBox();
    if (!textBox || !editedBox) throw new Error("not laid out");
    // Same line: the marker starts above the bottom of the text and right of its start.
    expect(editedBox.y).toBeLessThan(textBox.y + textBox.height);
    expect(editedBox.x).toBeGreaterThan(textBox.x);
  });
}
