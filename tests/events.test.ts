import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import {
  atomic,
  connect,
  connectedReceivers,
  deleteWhere,
  insert,
  onCommit,
  remove,
  resetReceivers,
  update,
  updateWhere,
  withoutReceivers,
} from "@/db/events";
import { messages } from "@/db/schema";
import { makeUser, rowCounts } from "./helpers";

afterEach(() => vi.restoreAllMocks());

async function twoUsers() {
  return [await makeUser("Ada"), await makeUser("Brian")] as const;
}

describe("in-transaction hooks", () => {
  it("fires preSave then postSave with created=true on insert", async () => {
    const [a, b] = await twoUsers();
    const seen: string[] = [];
    connect("preSave", "messages", (e) => seen.push(`pre:${e.created}:${e.instance.content}`), {
      id: "t.pre",
    });
    connect("postSave", "messages", (e) => seen.push(`post:${e.created}:${e.instance.id}`), {
      id: "t.post",
    });
    const m = insert("messages", { senderId: a.id, receiverId: b.id, content: "hi" });
    expect(seen).toEqual(["pre:true:hi", `post:true:${m.id}`]);
  });

  it("fires postSave with created=false and the previous row on update", async () => {
    const [a, b] = await twoUsers();
    const m = insert("messages", { senderId: a.id, receiverId: b.id, content: "v1" });
    const events: { created: boolean; before?: string; after: string }[] = [];
    connect(
      "postSave",
      "messages",
      (e) =>
        events.push({ created: e.created, before: e.previous?.content, after: e.instance.content }),
      { id: "t.post" },
    );
    update("messages", m.id, { content: "v2" });
    expect(events).toEqual([{ created: false, before: "v1", after: "v2" }]);
  });

  it("lets a preSave receiver adjust the values being written", async () => {
    const [a, b] = await twoUsers();
    connect(
      "preSave",
      "messages",
      (e) => {
        e.instance.content = e.instance.content.toUpperCase();
      },
      { id: "t.upper" },
    );
    const m = insert("messages", { senderId: a.id, receiverId: b.id, content: "quiet" });
    expect(m.content).toBe("QUIET");
  });

  it("fires preDelete and postDelete with the deleted row", async () => {
    const [a, b] = await twoUsers();
    const m = insert("messages", { senderId: a.id, receiverId: b.id, content: "bye" });
    const seen: string[] = [];
    connect("preDelete", "messages", (e) => seen.push(`pre:${e.instance.id}`), { id: "t.pd" });
    connect("postDelete", "messages", (e) => seen.push(`post:${e.instance.id}`), { id: "t.po" });
    expect(remove("messages", m.id)?.id).toBe(m.id);
    expect(seen).toEqual([`pre:${m.id}`, `post:${m.id}`]);
  });

  it("does not fire postSave when an update changes nothing", async () => {
    const [a, b] = await twoUsers();
    const m = insert("messages", { senderId: a.id, receiverId: b.id, content: "same" });
    const post = vi.fn();
    connect("postSave", "messages", post, { id: "t.post" });
    update("messages", m.id, { content: "same" });
    expect(post).not.toHaveBeenCalled();
  });

  it("rolls back the write and every side effect when a receiver throws", async () => {
    const [a, b] = await twoUsers();
    const before = rowCounts();
    connect(
      "postSave",
      "notifications",
      () => {
        throw new Error("boom");
      },
      { id: "t.boom" },
    );
    // The app's notification receiver runs first and writes; then ours throws.
    expect(() => insert("messages", { senderId: a.id, receiverId: b.id, content: "x" })).toThrow(
      "boom",
    );
    expect(rowCounts()).toEqual(before);
  });

  it("fires one bulkUpdate event with every affected row for a set-based update", async () => {
    const [a, b] = await twoUsers();
    for (const content of ["1", "2", "3"]) {
      insert("messages", { senderId: a.id, receiverId: b.id, content });
    }
    const bulk = vi.fn();
    const single = vi.fn();
    connect("bulkUpdate", "messages", bulk, { id: "t.bulk" });
    connect("postSave", "messages", single, { id: "t.single" });
    const rows = updateWhere("messages", eq(messages.receiverId, b.id), { read: true });
    expect(rows).toHaveLength(3);
    expect(bulk).toHaveBeenCalledTimes(1);
    expect(bulk.mock.calls[0]?.[0].rows.map((r: { id: number }) => r.id)).toEqual(
      rows.map((r) => r.id),
    );
    expect(single).not.toHaveBeenCalled();
  });

  it("fires one bulkDelete event for a set-based delete", async () => {
    const [a, b] = await twoUsers();
    insert("messages", { senderId: a.id, receiverId: b.id, content: "1" });
    insert("messages", { senderId: b.id, receiverId: a.id, content: "2" });
    const bulk = vi.fn();
    connect("bulkDelete", "messages", bulk, { id: "t.bulk" });
    deleteWhere("messages", eq(messages.senderId, a.id));
    expect(bulk).toHaveBeenCalledTimes(1);
    expect(bulk.mock.calls[0]?.[0].rows).toHaveLength(1);
  });
});

describe("connect", () => {
  it("is a no-op when the same id connects twice", async () => {
    const [a, b] = await twoUsers();
    const receiver = vi.fn();
    connect("postSave", "messages", receiver, { id: "t.once" });
    connect("postSave", "messages", receiver, { id: "t.once" });
    insert("messages", { senderId: a.id, receiverId: b.id, content: "x" });
    expect(receiver).toHaveBeenCalledTimes(1);
  });

  it("returns a function that disconnects the receiver", async () => {
    const [a, b] = await twoUsers();
    const receiver = vi.fn();
    const disconnect = connect("postSave", "messages", receiver, { id: "t.d" });
    disconnect();
    insert("messages", { senderId: a.id, receiverId: b.id, content: "x" });
    expect(receiver).not.toHaveBeenCalled();
    expect(connectedReceivers("postSave", "messages")).not.toContain("t.d");
  });

  it("resetReceivers removes every receiver", () => {
    expect(connectedReceivers("postSave", "messages")).toContain("notifications.notify-receiver");
    resetReceivers();
    expect(connectedReceivers("postSave", "messages")).toEqual([]);
  });
});

describe("afterCommit", () => {
  it("runs after the outermost commit only, in order", async () => {
    const [a, b] = await twoUsers();
    const seen: string[] = [];
    connect("afterCommit", "messages", (e) => seen.push(`commit:${e.kind}`), { id: "t.ac" });
    atomic(() => {
      insert("messages", { senderId: a.id, receiverId: b.id, content: "1" });
      onCommit(() => seen.push("custom"));
      atomic(() => insert("messages", { senderId: a.id, receiverId: b.id, content: "2" }));
      seen.push("inside");
    });
    expect(seen).toEqual(["inside", "commit:save", "custom", "commit:save"]);
  });

  it("sees the committed data", async () => {
    const [a, b] = await twoUsers();
    let countAtCommit = -1;
    connect(
      "afterCommit",
      "messages",
      () => {
        countAtCommit = (
          getDb().$client.prepare("select count(*) c from messages").get() as { c: number }
        ).c;
      },
      { id: "t.ac" },
    );
    insert("messages", { senderId: a.id, receiverId: b.id, content: "1" });
    expect(countAtCommit).toBe(1);
  });

  it("never runs after a rollback", async () => {
    const [a, b] = await twoUsers();
    const callback = vi.fn();
    connect("afterCommit", "messages", callback, { id: "t.ac" });
    expect(() =>
      atomic(() => {
        insert("messages", { senderId: a.id, receiverId: b.id, content: "1" });
        throw new Error("abort");
      }),
    ).toThrow("abort");
    expect(callback).not.toHaveBeenCalled();
    expect(rowCounts().messages).toBe(0);
  });

  it("drops the callbacks of a rolled-back savepoint but keeps the outer ones", async () => {
    const [a, b] = await twoUsers();
    const seen: string[] = [];
    connect("afterCommit", "messages", (e) => seen.push(`commit:${e.kind}`), { id: "t.ac" });
    atomic(() => {
      insert("messages", { senderId: a.id, receiverId: b.id, content: "kept" });
      try {
        atomic(() => {
          insert("messages", { senderId: a.id, receiverId: b.id, content: "dropped" });
          throw new Error("inner");
        });
      } catch {
        // the savepoint rolled back; the outer transaction goes on
      }
    });
    expect(seen).toEqual(["commit:save"]);
    expect(rowCounts().messages).toBe(1);
  });

  it("logs a failing callback instead of raising it, and runs the rest", async () => {
    const [a, b] = await twoUsers();
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const after = vi.fn();
    connect(
      "afterCommit",
      "messages",
      () => {
        throw new Error("cache down");
      },
      { id: "t.fail" },
    );
    connect("afterCommit", "messages", after, { id: "t.after" });
    const m = insert("messages", { senderId: a.id, receiverId: b.id, content: "1" });
    expect(m.id).toBeGreaterThan(0);
    expect(after).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith(expect.stringContaining("afterCommit"), expect.any(Error));
  });

  it("runs onCommit at once outside a transaction", () => {
    const callback = vi.fn();
    onCommit(callback);
    expect(callback).toHaveBeenCalledTimes(1);
  });
});

describe("withoutReceivers", () => {
  it("mutes the named receivers inside the block only", async () => {
    const [a, b] = await twoUsers();
    withoutReceivers(["notifications.notify-receiver"], () => {
      insert("messages", { senderId: a.id, receiverId: b.id, content: "quiet" });
    });
    expect(rowCounts().notifications).toBe(0);
    insert("messages", { senderId: a.id, receiverId: b.id, content: "loud" });
    expect(rowCounts().notifications).toBe(1);
  });
});
