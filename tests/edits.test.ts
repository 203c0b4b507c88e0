import { describe, expect, it } from "vitest";
import { update } from "@/db/events";
import { countAsync } from "@/db/statement-counter";
import { loadEditHistory } from "@/lib/messaging/edit-history";
import { editMessage, findMessage } from "@/lib/messaging/messages";
import { NotFoundError } from "@/lib/platform/result";
import { allRows, expectOk, makeUser, send } from "./helpers";

async function pair() {
  return { a: await makeUser("Ada"), b: await makeUser("Brian") };
}

describe("editMessage", () => {
  it("logs the old content with the editor and a time, and marks the message edited", async () => {
    const { a, b } = await pair();
    const message = await send(a.id, b.id, "first draft");
    const before = Date.now();
    const edited = expectOk(await editMessage(a.id, { messageId: message.id, content: "final" }));
    expect(edited).toMatchObject({ content: "final", edited: true });
    expect(edited.editedAt).toBeGreaterThanOrEqual(before);
    expect(await findMessage(message.id)).toMatchObject({ content: "final", edited: true });
    const rows = await allRows("message_history");
    expect(rows).toEqual([
      expect.objectContaining({
        message_id: message.id,
        old_content: "first draft",
        edited_by: a.id,
      }),
    ]);
    expect(rows[0]?.edited_at).toBe(edited.editedAt);
  });

  it("keeps k rows for k edits, returned newest first, each on the right message", async () => {
    const { a, b } = await pair();
    const message = await send(a.id, b.id, "v0");
    const other = await send(a.id, b.id, "other v0");
    for (const content of ["v1", "v2", "v3"]) {
      expectOk(await editMessage(a.id, { messageId: message.id, content }));
    }
    expectOk(await editMessage(a.id, { messageId: other.id, content: "other v1" }));
    const rows = await allRows("message_history");
    expect(rows.filter((r) => r.message_id === message.id)).toHaveLength(3);
    expect(rows.filter((r) => r.message_id === other.id).map((r) => r.old_content)).toEqual([
      "other v0",
    ]);
    const versions = await loadEditHistory(b.id, message.id);
    expect(versions.map((v) => v.content)).toEqual(["v3", "v2", "v1", "v0"]);
    expect(versions.map((v) => v.original)).toEqual([false, false, false, true]);
    expect(versions[0]?.current).toBe(true);
    expect(versions.every((v) => v.editorName === "Ada")).toBe(true);
  });

  it("writes no history and leaves `edited` alone when the content is the same", async () => {
    const { a, b } = await pair();
    const message = await send(a.id, b.id, "same");
    const result = expectOk(
      await editMessage(a.id, { messageId: message.id, content: "  same  " }),
    );
    expect(result.edited).toBe(false);
    expect(await allRows("message_history")).toEqual([]);
  });

  it("makes no history row and no notification when `read` changes after an edit", async () => {
    const { a, b } = await pair();
    const message = await send(a.id, b.id, "hello");
    expectOk(await editMessage(a.id, { messageId: message.id, content: "hello!" }));
    const notifications = (await allRows("notifications")).length;
    await update("messages", message.id, { read: true, readAt: Date.now() });
    expect(await allRows("message_history")).toHaveLength(1);
    expect(await allRows("notifications")).toHaveLength(notifications);
    expect(notifications).toBe(1);
  });

  it("refuses an edit by anyone but the sender and changes nothing", async () => {
    const { a, b } = await pair();
    const c = await makeUser("Cleo");
    const message = await send(a.id, b.id, "mine");
    const byReceiver = await editMessage(b.id, { messageId: message.id, content: "hacked" });
    expect(byReceiver).toMatchObject({ ok: false, code: "forbidden" });
    const byStranger = await editMessage(c.id, { messageId: message.id, content: "hacked" });
    expect(byStranger).toMatchObject({ ok: false, code: "not_found" });
    expect(await findMessage(message.id)).toEqual(message);
    expect(await allRows("message_history")).toEqual([]);
  });

  it("validates the new content like a new message", async () => {
    const { a, b } = await pair();
    const message = await send(a.id, b.id, "ok");
    for (const content of ["", "   ", "x".repeat(10_001)]) {
      expect((await editMessage(a.id, { messageId: message.id, content })).ok).toBe(false);
    }
    expect((await editMessage(a.id, { messageId: "nope", content: "x" })).ok).toBe(false);
    expect((await findMessage(message.id))?.content).toBe("ok");
  });
});

describe("loadEditHistory", () => {
  it("loads in one statement and marks what changed between versions", async () => {
    const { a, b } = await pair();
    const message = await send(a.id, b.id, "meet at noon");
    expectOk(await editMessage(a.id, { messageId: message.id, content: "meet at one" }));
    const { result, count } = await countAsync(() => loadEditHistory(a.id, message.id));
    expect(count).toBe(1);
    expect(result[0]?.changes).toEqual([
      { kind: "same", text: "meet at " },
      { kind: "removed", text: "noon" },
      { kind: "added", text: "one" },
    ]);
    expect(result[1]).toMatchObject({
      original: true,
      changes: null,
      writtenAt: message.createdAt,
    });
  });

  it("is not-found for a non-participant, exactly as for a missing message", async () => {
    const { a, b } = await pair();
    const c = await makeUser("Cleo");
    const message = await send(a.id, b.id, "private");
    await expect(loadEditHistory(c.id, message.id)).rejects.toThrow(NotFoundError);
    await expect(loadEditHistory(c.id, 999_999)).rejects.toThrow(NotFoundError);
    expect(await loadEditHistory(b.id, message.id)).toHaveLength(1);
  });
});
