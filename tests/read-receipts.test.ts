import { describe, expect, it } from "vitest";
import { findRow } from "@/db/events";
import { countAsync } from "@/db/statement-counter";
import { liveBus } from "@/lib/live/bus";
import type { LiveEvent } from "@/lib/live/types";
import { conversationFor } from "@/lib/messaging/cached-views";
import { markRead } from "@/lib/unread/mark-read";
import { setReadReceipts } from "@/lib/unread/read-receipts";
import { expectOk, makeUser, send } from "./helpers";

function collect(userId: number) {
  const events: LiveEvent[] = [];
  const unsubscribe = liveBus().subscribe(userId, (e) => events.push(e));
  return { data: () => events.map((e) => e.data), unsubscribe };
}

async function readBy(amiraOff: boolean, bilalOff: boolean) {
  const amira = await makeUser("Amira");
  const bilal = await makeUser("Bilal");
  if (amiraOff) expectOk(await setReadReceipts(amira.id, {}));
  if (bilalOff) expectOk(await setReadReceipts(bilal.id, {}));
  const sent = await send(amira.id, bilal.id, "did you see?");
  const forAmira = collect(amira.id);
  expectOk(await markRead(bilal.id, { messageIds: [sent.id] }));
  forAmira.unsubscribe();
  const [mine] = (await conversationFor(amira.id, bilal.id)).messages;
  const [theirs] = (await conversationFor(bilal.id, amira.id)).messages;
  return { amira, bilal, sent, mine, theirs, live: forAmira.data() };
}

describe("read receipts", () => {
  it("are on by default: the sender sees the message read, when, and hears it live", async () => {
    const { sent, mine, live } = await readBy(false, false);
    expect(mine).toMatchObject({ id: sent.id, read: true });
    expect(mine?.readAt).toEqual(expect.any(Number));
    expect(live).toEqual([
      expect.objectContaining({
        type: "read.changed",
        messageIds: [sent.id],
        read: true,
        readAt: mine?.readAt,
      }),
    ]);
  });

  it("turned off by the reader, the sender neither sees nor hears that they read it", async () => {
    const { mine, theirs, live } = await readBy(false, true);
    expect(mine).toMatchObject({ read: false, readAt: null });
    expect(live).toEqual([]);
    // The reader's own view keeps what they read (their unread state).
    expect(theirs?.read).toBe(true);
  });

  it("turned off by the sender, they do not see others' either (Zulip's rule)", async () => {
    const { mine, live } = await readBy(true, false);
    expect(mine).toMatchObject({ read: false, readAt: null });
    expect(live).toEqual([]);
  });

  it("cost no statement more: the colleague and both settings are one statement", async () => {
    const { amira, bilal } = await readBy(false, true);
    const { count } = await countAsync(() => conversationFor(amira.id, bilal.id));
    // The colleague with both settings, the page, its attachments, its reactions.
    expect(count).toBe(4);
  });

  it("the setting takes a checkbox's 'on' or a boolean, and refuses anything else", async () => {
    const amira = await makeUser("Amira");
    expect((await findRow("users", amira.id))?.readReceipts).toBe(true);
    expect(expectOk(await setReadReceipts(amira.id, {}))).toEqual({ readReceipts: false });
    expect(expectOk(await setReadReceipts(amira.id, { readReceipts: "on" })).readReceipts).toBe(
      true,
    );
    expect(expectOk(await setReadReceipts(amira.id, { readReceipts: false })).readReceipts).toBe(
      false,
    );
    const refused = await setReadReceipts(amira.id, { readReceipts: "yes" });
    expect(refused).toMatchObject({ ok: false, code: "invalid" });
    expect((await findRow("users", amira.id))?.readReceipts).toBe(false);
  });
});
