import { describe, expect, it } from "vitest";
import { countAsync } from "@/db/statement-counter";
import { sendMessage } from "@/lib/messaging/messages";
import { replyToMessage } from "@/lib/messaging/threads";
import { countWhere, expectOk, makeUser, send } from "./helpers";

describe("idempotent sends", () => {
  it("stores a retried send once and returns the stored message", async () => {
    const [a, b] = [await makeUser("Ada"), await makeUser("Bo")];
    const input = { receiverId: b.id, content: "only once", idempotencyKey: "k-1" };
    const first = expectOk(await sendMessage(a.id, input));
    const retry = expectOk(await sendMessage(a.id, input));
    expect(retry.id).toBe(first.id);
    expect(await countWhere("messages")).toBe(1);
    expect(await countWhere("notifications")).toBe(1);
  });

  it("looks up a send's key only when the unique index refuses it: on a retry", async () => {
    const [a, b] = [await makeUser("Ada"), await makeUser("Bo")];
    const input = { receiverId: b.id, content: "once", idempotencyKey: "k-lookup" };
    const lookups = (statements: string[]) =>
      statements.filter((s) => /^select/i.test(s) && /idempotency_key" = /.test(s));
    const first = await countAsync(() => sendMessage(a.id, input));
    const retry = await countAsync(() => sendMessage(a.id, input));
    expect(expectOk(retry.result).id).toBe(expectOk(first.result).id);
    expect(lookups(first.statements)).toEqual([]);
    expect(lookups(retry.statements)).toHaveLength(1);
  });

  it("settles retries racing each other with one message", async () => {
    const [a, b] = [await makeUser("Ada"), await makeUser("Bo")];
    const input = { receiverId: b.id, content: "raced", idempotencyKey: "k-race" };
    const results = await Promise.all([
      sendMessage(a.id, input),
      sendMessage(a.id, input),
      sendMessage(a.id, input),
    ]);
    const ids = results.map((result) => expectOk(result).id);
    expect(new Set(ids).size).toBe(1);
    expect(await countWhere("messages")).toBe(1);
    expect(await countWhere("notifications")).toBe(1);
  });

  it("keys are per sender, and sends without a key are never merged", async () => {
    const [a, b] = [await makeUser("Ada"), await makeUser("Bo")];
    expectOk(await sendMessage(a.id, { receiverId: b.id, content: "hi", idempotencyKey: "same" }));
    expectOk(await sendMessage(b.id, { receiverId: a.id, content: "hi", idempotencyKey: "same" }));
    await send(a.id, b.id, "plain");
    await send(a.id, b.id, "plain");
    expect(await countWhere("messages")).toBe(4);
  });

  it("refuses a key reused for a different message", async () => {
    const [a, b] = [await makeUser("Ada"), await makeUser("Bo")];
    expectOk(await sendMessage(a.id, { receiverId: b.id, content: "one", idempotencyKey: "k" }));
    const reused = await sendMessage(a.id, {
      receiverId: b.id,
      content: "two",
      idempotencyKey: "k",
    });
    expect(reused).toMatchObject({ ok: false, code: "conflict" });
    expect(await countWhere("messages")).toBe(1);
  });

  it("makes replies idempotent too", async () => {
    const [a, b] = [await makeUser("Ada"), await makeUser("Bo")];
    const root = await send(a.id, b.id, "root");
    const input = { parentMessageId: root.id, content: "reply", idempotencyKey: "r-1" };
    const first = expectOk(await replyToMessage(b.id, input));
    expect(expectOk(await replyToMessage(b.id, input)).id).toBe(first.id);
    expect(await countWhere("messages", "parent_message_id is not null")).toBe(1);
  });

  it("refuses malformed keys with a clear message", async () => {
    const [a, b] = [await makeUser("Ada"), await makeUser("Bo")];
    const long = await sendMessage(a.id, {
      receiverId: b.id,
      content: "x",
      idempotencyKey: "k".repeat(101),
    });
    expect(long).toMatchObject({ ok: false, code: "invalid" });
    const spaced = await sendMessage(a.id, {
      receiverId: b.id,
      content: "x",
      idempotencyKey: "a b",
    });
    expect(spaced).toMatchObject({ ok: false, code: "invalid" });
    expect(await countWhere("messages")).toBe(0);
  });
});
