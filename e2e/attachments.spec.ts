import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { png } from "../test-kit/files";
import { openConversation, registerPerson } from "./helpers";

/** Hands the page files the way a drop or a paste does: a DataTransfer built in the page. */
async function dispatchFiles(
  page: Page,
  kind: "drop" | "paste",
  files: { name: string; type: string; base64: string }[],
) {
  await page.evaluate(
    ({ kind, files }) => {
      const transfer = new DataTransfer();
      for (const file of files) {
        const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], file.name, { type: file.type }));
      }
      if (kind === "paste") {
        const box = document.querySelector("textarea[name=content]") as HTMLTextAreaElement;
        box.dispatchEvent(
          new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }),
        );
        return;
      }
      const main = document.querySelector("main") as HTMLElement;
      const init = { dataTransfer: transfer, bubbles: true, cancelable: true };
      main.dispatchEvent(new DragEvent("dragover", init));
      main.dispatchEvent(new DragEvent("drop", init));
    },
    { kind, files },
  );
}

async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("attach by button, drag and drop and paste; thumbnail, image dialog, download", async ({
  browser,
}) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(ada, bo);
  const page = ada.page;
  const image = await png(300, 200);

  // A refused type is named before any upload starts.
  const refusedChooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Attach files" }).click();
  await (await refusedChooser).setFiles({
    name: "tool.exe",
    mimeType: "application/octet-stream",
    buffer: Buffer.from("MZ"),
  });
  await expect(page.getByRole("alert").filter({ hasText: "tool.exe" })).toContainText(
    "tool.exe cannot be attached: .exe files are refused",
  );

  // The button.
  const chooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Attach files" }).click();
  await (await chooser).setFiles({ name: "chart.png", mimeType: "image/png", buffer: image });
  const chips = page.getByRole("list", { name: "Files to send" });
  await expect(chips.getByText("chart.png")).toBeVisible();
  // Drag and drop onto the conversation, and a pasted image.
  await dispatchFiles(page, "drop", [
    {
      name: "minutes.txt",
      type: "text/plain",
      base64: Buffer.from("Minutes\n").toString("base64"),
    },
  ]);
  await dispatchFiles(page, "paste", [
    { name: "image.png", type: "image/png", base64: image.toString("base64") },
  ]);
  await expect(chips.getByRole("button", { name: "Remove attachment" })).toHaveCount(3);
  await expect(chips.getByRole("progressbar")).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  // Removing one leaves two; a message may carry only attachments.
  await chips.getByRole("button", { name: "Remove attachment" }).last().click();
  await expect(chips.getByRole("button", { name: "Remove attachment" })).toHaveCount(2);
  await page.getByRole("button", { name: "Send" }).click();
  const messages = page.getByRole("region", { name: "Messages" });
  await expect(messages.getByRole("img", { name: "chart.png" })).toBeVisible();
  await expect(messages.getByText("minutes.txt")).toBeVisible();
  await expect(page.getByRole("button", { name: "Remove attachment" })).toHaveCount(0);

  // Bo sees the thumbnail, opens the image and downloads both files.
  await openConversation(bo, ada);
  const boMessages = bo.page.getByRole("region", { name: "Messages" });
  const thumbnail = boMessages.getByRole("img", { name: "chart.png" });
  await expect(thumbnail).toBeVisible();
  expect(await thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await boMessages.getByRole("button", { name: "chart.png" }).click();
  const dialog = bo.page.getByRole("dialog", { name: "Image" });
  await expect(dialog).toBeVisible();
  expect(await seriousViolations(bo.page)).toEqual([]);
  const imageDownload = bo.page.waitForEvent("download");
  await dialog.getByRole("link", { name: "Download" }).click();
  expect((await imageDownload).suggestedFilename()).toBe("chart.png");
  await bo.page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  const textDownload = bo.page.waitForEvent("download");
  await boMessages.getByRole("link", { name: "Download" }).click();
  expect((await textDownload).suggestedFilename()).toBe("minutes.txt");
});
