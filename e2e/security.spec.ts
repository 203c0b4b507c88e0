import { expect, test } from "@playwright/test";
import { messageArticles, openConversation, otherIdFromUrl, registerPerson } from "./helpers";

test("posts from another site are refused before they reach an action", async ({ browser }) => {
  const ada = await registerPerson(browser, "Ada");
  const bo = await registerPerson(browser, "Bo");
  await openConversation(ada, bo);
  const boId = otherIdFromUrl(ada);

  const action = await ada.page.request.post(`/messages/${boId}`, {
    headers: { Origin: "https://evil.example", "Next-Action": "0".repeat(42) },
    multipart: { receiverId: String(boId), content: "forged" },
  });
  expect(action.status()).toBe(403);

  const api = await ada.page.request.post("/api/messages", {
    headers: { Origin: "https://evil.example" },
    data: { receiverId: boId, content: "forged" },
  });
  expect(api.status()).toBe(403);

  const plain = await ada.page.request.post("/api/messages", {
    headers: { "Content-Type": "text/plain" },
    data: JSON.stringify({ receiverId: boId, content: "forged" }),
  });
  expect(plain.status()).toBe(415);

  await ada.page.reload();
  await expect(messageArticles(ada)).toHaveCount(0);
});
