import { describe, expect, it } from "vitest";
import { countAsync } from "@/db/statement-counter";
import { PREVIEW_LENGTH } from "@/lib/platform/markdown/plain-text";
import { unreadFor } from "@/lib/unread/inbox";
import { listNotifications } from "@/lib/unread/notifications";
import { makeUser, send } from "./helpers";

const FORMATTED = "**Ship it** :tada:\n> see `main`\n- [notes](https://example.com) <b>now</b>";
const PLAIN = "Ship it 🎉 see main notes <b>now</b>";

describe("previews are the plain text of a message's Markdown", () => {
  it("in the inbox and the notifications list, in one statement each", async () => {
    const ada = await makeUser("Ada");
    const bo = await makeUser("Bo");
    await send(ada.id, bo.id, FORMATTED);
    const inbox = await countAsync(() => unreadFor(bo.id));
    expect(inbox.result.map((m) => m.snippet)).toEqual([PLAIN]);
    expect(inbox.count).toBe(1);
    const notifications = await countAsync(() => listNotifications(bo.id));
    expect(notifications.result.map((n) => n.snippet)).toEqual([PLAIN]);
    expect(notifications.count).toBe(1);
  });

  it("cut to PREVIEW_LENGTH characters of text, however much markup precedes it", async () => {
    const ada = await makeUser("Ada");
    const bo = await makeUser("Bo");
    const long = `${"**bold** ".repeat(60)}${"x".repeat(5_000)}`;
    await send(ada.id, bo.id, long);
    const [unread] = await unreadFor(bo.id);
    expect(unread?.snippet).toBe("bold ".repeat(60).slice(0, PREVIEW_LENGTH).trimEnd());
    expect(unread?.snippet).not.toContain("*");
  });
});
