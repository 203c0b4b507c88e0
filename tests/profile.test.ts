import { describe, expect, it } from "vitest";
import { countAsync } from "@/db/statement-counter";
import { renameUser } from "@/lib/accounts/accounts";
import { tagsShowingUser } from "@/lib/messaging/cache-tags";
import { conversationFor } from "@/lib/messaging/cached-views";
import { conversationTag, threadTag } from "@/lib/platform/cache";
import { countWhere, expectOk, makeUser, send, store } from "./helpers";

describe("renameUser", () => {
  it("changes the name every view shows", async () => {
    const ada = await makeUser("Ada");
    const bo = await makeUser("Bo");
    await send(ada.id, bo.id, "hello");
    expect(expectOk(await renameUser(ada.id, { name: "  Ada King  " })).name).toBe("Ada King");
    const { messages } = await conversationFor(bo.id, ada.id);
    expect(messages.map((m) => m.senderName)).toEqual(["Ada King"]);
  });

  it("refuses an empty or invisible name and changes nothing", async () => {
    const ada = await makeUser("Ada");
    for (const name of ["", "   ", "\u200b", 42, "x".repeat(81)]) {
      const result = await renameUser(ada.id, { name });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.fieldErrors?.name?.length).toBeGreaterThan(0);
    }
    expect(await countWhere("users", "name = 'Ada'")).toBe(1);
  });
});

describe("tagsShowingUser", () => {
  it("names every conversation of the user and every thread in them, in one statement", async () => {
    const ada = await makeUser("Ada");
    const bo = await makeUser("Bo");
    const cy = await makeUser("Cy");
    const other = await makeUser("Other");
    const root = await send(bo.id, ada.id, "root");
    await store({
      senderId: ada.id,
      receiverId: bo.id,
      content: "reply",
      parentMessageId: root.id,
    });
    await send(ada.id, cy.id, "no thread here");
    await send(bo.id, other.id, "not Ada's");
    const { result, count } = await countAsync(() => tagsShowingUser(ada.id));
    expect(count).toBe(1);
    expect(result.sort()).toEqual(
      [conversationTag(ada.id, bo.id), conversationTag(ada.id, cy.id), threadTag(root.id)].sort(),
    );
  });
});
