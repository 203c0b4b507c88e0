import type { Page } from "@playwright/test";

/** The dialog "Delete my account" opens: the account's email typed, then "Delete forever". */
export async function confirmDeletion(page: Page, email: string) {
  const dialog = page.getByRole("dialog", { name: "Delete your account?" });
  await dialog.getByRole("textbox", { name: /Type your email/ }).fill(email);
  await dialog.getByRole("button", { name: "Delete forever" }).click();
}
