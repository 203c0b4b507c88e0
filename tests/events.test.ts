import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dialect } from "@/db/client";
import {
  atomic,
  connect,
  connectedReceivers,
  deleteWhere,
  insert,
  inTransaction,
  onCommit,
  remove,
  resetReceivers,
  update,
  updateWhere,
  withoutReceivers,
} from "@/db/events";
import { db } from "@/db/query";
import { messages } from "@/db/schema";
import { countAsync } from "@/db/statement-counter";
import { countWhere, makeUser, rowCounts } from "./helpers";

afterEach(() => vi.restoreAllMocks());

async function twoUsers() {
  return [await makeUser("Ada"), await makeUser("Brian")] as const;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A promise the test settles when it wants to. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
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
    const m = await insert("messages", { senderId: a.id, receiverId: b.id, content: "hi" });
    expect(seen).toEqual(["pre:true:hi", `post:true:${m.id}`]);
  });

  it("fires postSave with created=false and the previous row on update", async () => {
    const [a, b] = await twoUsers();
    const m = await insert("messages", { senderId: a.id, receiverId: b.id, content: "v1" });
    const events: { created: boolean; before?: string; after: string }[] = [];
    connect(
      "postSave",
      "messages",
      (e) =>
        events.push({ created: e.created, before: e.previous?.content, after: e.instance.content }),
      { id: "t.post" },
    );
    await update("messages", m.id, { content: "v2" });
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
    const m = await insert("messages", { senderId: a.id, receiverId: b.id, content: "quiet" });
    expect(m.content).toBe("QUIET");
  });

  it("fires preDelete and postDelete with the deleted row", async () => {
    const [a, b] = await twoUsers();
    const m = await insert("messages", { senderId: a.id, receiverId: b.id, content: "bye" });
    const seen: string[] = [];
    connect("preDelete", "messages", (e) => seen.push(`pre:${e.instance.id}`), { id: "t.pd" });
    connect("postDelete", "messages", (e) => seen.push(`post:${e.instance.id}`), { id: "t.po" });
    expect((await remove("messages", m.id))?.id).toBe(m.id);
    expect(seen).toEqual([`pre:${m.id}`, `post:${m.id}`]);
  });

  it("does not fire postSave when an update changes nothing", async () => {
    const [a, b] = await twoUsers();
    const m = await insert("messages", { senderId: a.id, receiverId: b.id, content: "same" });
    const post = vi.fn();
    connect("postSave", "messages", post, { id: "t.post" });
    await update("messages", m.id, { content: "same" });
    expect(post).not.toHaveBeenCalled();
  });

  it("rolls back the write and every side effect when a receiver throws", async () => {
    const [a, b] = await twoUsers();
    const before = await rowCounts();
    connect(
      "postSave",
      "notifications",
      () => {
        throw new Error("boom");
      },
      { id: "t.boom" },
    );
    // The app's notification receiver runs first and writes; then ours throws.
    await expect(
      insert("messages", { senderId: a.id, receiverId: b.id, content: "x" }),
    ).rejects.toThrow("boom");
    expect(await rowCounts()).toEqual(before);
  });

  it("rolls back when an async receiver rejects after reading, inside an outer block too", async () => {
    const [a, b] = await twoUsers();
    const before = await rowCounts();
    connect(
      "postSave",
      "notifications",
      async () => {
        // The receiver reads in the write's transaction: it sees the uncommitted rows.
        expect(inTransaction()).toBe(true);
        expect(await countWhere("notifications")).toBe(before.notifications + 1);
        await sleep(5);
        throw new Error("late boom");
      },
      { id: "t.late-boom" },
    );
    await expect(
      atomic(async () => {
        await insert("messages", { senderId: a.id, receiverId: b.id, content: "kept?" });
      }),
    ).rejects.toThrow("late boom");
    expect(await rowCounts()).toEqual(before);
  });

  it("fires one bulkUpdate event with every affected row for a set-based update", async () => {
    const [a, b] = await twoUsers();
    for (const content of ["1", "2", "3"]) {
      await insert("messages", { senderId: a.id, receiverId: b.id, content });
    }
    const bulk = vi.fn();
    const single = vi.fn();
    connect("bulkUpdate", "messages", bulk, { id: "t.bulk" });
    connect("postSave", "messages", single, { id: "t.single" });
    const rows = await updateWhere("messages", eq(messages.receiverId, b.id), { read: true });
    expect(rows).toHaveLength(3);
    expect(bulk).toHaveBeenCalledTimes(1);
    expect(bulk.mock.calls[0]?.[0].rows.map((r: { id: number }) => r.id)).toEqual(
      rows.map((r) => r.id),
    );
    expect(single).not.toHaveBeenCalled();
  });

  it("fires one bulkDelete event for a set-based delete", async () => {
    const [a, b] = await twoUsers();
    await insert("messages", { senderId: a.id, receiverId: b.id, content: "1" });
    await insert("messages", { senderId: b.id, receiverId: a.id, content: "2" });
    const bulk = vi.fn();
    connect("bulkDelete", "messages", bulk, { id: "t.bulk" });
    await deleteWhere("messages", eq(messages.senderId, a.id));
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
    await insert("messages", { senderId: a.id, receiverId: b.id, content: "x" });
    expect(receiver).toHaveBeenCalledTimes(1);
  });

  it("returns a function that disconnects the receiver", async () => {
    const [a, b] = await twoUsers();
    const receiver = vi.fn();
    const disconnect = connect("postSave", "messages", receiver, { id: "t.d" });
    disconnect();
    await insert("messages", { senderId: a.id, receiverId: b.id, content: "x" });
    expect(receiver).not.toHaveBeenCalled();
    expect(connectedReceivers("postSave", "messages")).not.toContain("t.d");
  });

  it("resetReceivers removes every receiver", () => {
    expect(connectedReceivers("postSave", "messages")).toContain("notifications.notify-receiver");
    resetReceivers();
    expect(connectedReceivers("postSave", "messages")).toEqual([]);
  });

  it("refuses a write when no receivers are registered, and writes nothing", async () => {
    const [a, b] = await twoUsers();
    resetReceivers({ configured: false });
    const write = insert("messages", { senderId: a.id, receiverId: b.id, content: "lost" });
    await expect(write).rejects.toThrow("No receivers are registered");
    await expect(updateWhere("messages", undefined, { read: true })).rejects.toThrow(
      "No receivers are registered",
    );
    expect(await countWhere("messages")).toBe(0);
  });

  it("accepts writes with a registry that is empty on purpose", async () => {
    const [a, b] = await twoUsers();
    resetReceivers({ configured: true });
    await insert("messages", { senderId: a.id, receiverId: b.id, content: "quiet" });
    expect(await rowCounts()).toMatchObject({ messages: 1, notifications: 0 });
  });
});

describe("concurrent transactions", () => {
  it("never see each other's uncommitted writes, nor interleave inside one another", async () => {
    const [a, b] = await twoUsers();
    const aWrote = gate();
    const aMayCommit = gate();
    const steps: string[] = [];

    const first = atomic(async () => {
      await insert("messages", { senderId: a.id, receiverId: b.id, content: "from A" });
      // A sees its own write.
      const seenByA = await countWhere("messages", "content = 'from A'");
      steps.push("A wrote");
      aWrote.open();
      await aMayCommit.opened;
      steps.push("A commits");
      return seenByA;
    });
    await aWrote.opened;

    // Outside any transaction, A's row does not exist yet, however it is read.
    expect(inTransaction()).toBe(false);
    expect(await countWhere("messages", "content = 'from A'")).toBe(0);
    expect(await db().select().from(messages)).toEqual([]);

    const second = atomic(async () => {
      steps.push("B starts");
      const seenByB = await countWhere("messages", "content = 'from A'");
      await insert("messages", { senderId: b.id, receiverId: a.id, content: "from B" });
      steps.push("B wrote");
      return seenByB;
    });

    if (dialect() === "sqlite") {
      // One writer: B waits for A's turn, so nothing of B runs inside A.
      await sleep(100);
      expect(steps).toEqual(["A wrote"]);
    } else {
      // B runs on its own pooled client, in its own transaction, while A is still open:
      // it does not see A's row, and its commit does not take A's row along.
      expect(await second).toBe(0);
      expect(steps).toEqual(["A wrote", "B starts", "B wrote"]);
      expect(await countWhere("messages", "content = 'from B'")).toBe(1);
      expect(await countWhere("messages", "content = 'from A'")).toBe(0);
    }

    aMayCommit.open();
    expect(await first).toBe(1);
    const seenByB = await second;
    if (dialect() === "sqlite") {
      // B ran whole, after A had committed: it saw A's row.
      expect(steps).toEqual(["A wrote", "A commits", "B starts", "B wrote"]);
      expect(seenByB).toBe(1);
    } else {
      expect(steps).toEqual(["A wrote", "B starts", "B wrote", "A commits"]);
    }
    // Committed: A's row (and its notification) is there for everyone.
    expect(await countWhere("messages", "content = 'from A'")).toBe(1);
    expect(await rowCounts()).toMatchObject({ messages: 2, notifications: 2 });
  });

  it("does not let a rolled-back transaction's writes reach a concurrent one", async () => {
    const [a, b] = await twoUsers();
    const aWrote = gate();
    const aMayFail = gate();
    const first = atomic(async () => {
      await insert("messages", { senderId: a.id, receiverId: b.id, content: "doomed" });
      aWrote.open();
      await aMayFail.opened;
      throw new Error("A fails");
    });
    await aWrote.opened;
    const second = atomic(async () => {
      await insert("messages", { senderId: b.id, receiverId: a.id, content: "survivor" });
      return countWhere("messages");
    });
    if (dialect() === "postgres") expect(await second).toBe(1);
    aMayFail.open();
    await expect(first).rejects.toThrow("A fails");
    expect(await second).toBe(1);
    expect(await countWhere("messages", "content = 'doomed'")).toBe(0);
    expect(await rowCounts()).toMatchObject({ messages: 1, notifications: 1 });
  });

  it("commits each of many concurrent writes whole: every message has its notification", async () => {
    const [a, b] = await twoUsers();
    const sent = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        insert("messages", { senderId: a.id, receiverId: b.id, content: `m${i}` }),
      ),
    );
    expect(new Set(sent.map((m) => m.id)).size).toBe(20);
    expect(await rowCounts()).toMatchObject({ messages: 20, notifications: 20 });
    expect(await countWhere("messages", "id not in (select message_id from notifications)")).toBe(
      0,
    );
  });
});

describe("afterCommit", () => {
  it("runs after the outermost commit only, in order", async () => {
    const [a, b] = await twoUsers();
    const seen: string[] = [];
    connect("afterCommit", "messages", (e) => seen.push(`commit:${e.kind}`), { id: "t.ac" });
    await atomic(async () => {
      await insert("messages", { senderId: a.id, receiverId: b.id, content: "1" });
      await onCommit(() => seen.push("custom"));
      await atomic(() => insert("messages", { senderId: a.id, receiverId: b.id, content: "2" }));
      seen.push("inside");
    });
    expect(seen).toEqual(["inside", "commit:save", "custom", "commit:save"]);
  });

  it("awaits async callbacks one after another, once each, before the block returns", async () => {
    const [a, b] = await twoUsers();
    const seen: string[] = [];
    connect(
      "afterCommit",
      "messages",
      async (e) => {
        const content = e.kind === "save" ? e.instance.content : "?";
        seen.push(`start:${content}`);
        // The slower first callback still finishes before the second starts.
        await sleep(content === "1" ? 30 : 1);
        expect(inTransaction()).toBe(false);
        seen.push(`end:${content}`);
      },
      { id: "t.async" },
    );
    const result = await atomic(async () => {
      await insert("messages", { senderId: a.id, receiverId: b.id, content: "1" });
      await atomic(async () => {
        await insert("messages", { senderId: a.id, receiverId: b.id, content: "2" });
      });
      // Nothing runs at the end of the nested block: only the outermost commit counts.
      expect(seen).toEqual([]);
      return "done";
    });
    expect(result).toBe("done");
    expect(seen).toEqual(["start:1", "end:1", "start:2", "end:2"]);
  });

  it("sees the committed data", async () => {
    const [a, b] = await twoUsers();
    let countAtCommit = -1;
    connect(
      "afterCommit",
      "messages",
      async () => {
        countAtCommit = await countWhere("messages");
      },
      { id: "t.ac" },
    );
    await insert("messages", { senderId: a.id, receiverId: b.id, content: "1" });
    expect(countAtCommit).toBe(1);
  });

  it("never runs after a rollback", async () => {
    const [a, b] = await twoUsers();
    const callback = vi.fn();
    connect("afterCommit", "messages", callback, { id: "t.ac" });
    const custom = vi.fn();
    await expect(
      atomic(async () => {
        await insert("messages", { senderId: a.id, receiverId: b.id, content: "1" });
        await onCommit(custom);
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(callback).not.toHaveBeenCalled();
    expect(custom).not.toHaveBeenCalled();
    expect((await rowCounts()).messages).toBe(0);
  });

  it("runs a receiver's write in the write's transaction, without a savepoint of its own", async () => {
    const [a, b] = await twoUsers();
    // The app's receiver: a message's notification, inserted by a postSave hook.
    const { control } = await countAsync(() =>
      insert("messages", { senderId: a.id, receiverId: b.id, content: "one transaction" }),
    );
    expect(control).toEqual(["BEGIN", "COMMIT"]);
    expect(await rowCounts()).toMatchObject({ messages: 1, notifications: 1 });
  });

  it("drops the callbacks of a rolled-back savepoint but keeps the outer ones", async () => {
    const [a, b] = await twoUsers();
    const seen: string[] = [];
    connect("afterCommit", "messages", (e) => seen.push(`commit:${e.kind}`), { id: "t.ac" });
    await atomic(async () => {
      await insert("messages", { senderId: a.id, receiverId: b.id, content: "kept" });
      try {
        await atomic(async () => {
          await insert("messages", { senderId: a.id, receiverId: b.id, content: "dropped" });
          throw new Error("inner");
        });
      } catch {
        // the savepoint rolled back; the outer transaction goes on
      }
    });
    expect(seen).toEqual(["commit:save"]);
    expect((await rowCounts()).messages).toBe(1);
  });

  it("logs a failing callback instead of raising it, and runs the rest", async () => {
    const [a, b] = await twoUsers();
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const after = vi.fn();
    connect(
      "afterCommit",
      "messages",
      async () => {
        throw new Error("cache down");
      },
      { id: "t.fail" },
    );
    connect("afterCommit", "messages", after, { id: "t.after" });
    const m = await insert("messages", { senderId: a.id, receiverId: b.id, content: "1" });
    expect(m.id).toBeGreaterThan(0);
    expect(after).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith(expect.stringContaining("afterCommit"), expect.any(Error));
  });

  it("runs onCommit at once outside a transaction", async () => {
    const callback = vi.fn();
    await onCommit(callback);
    expect(callback).toHaveBeenCalledTimes(1);
  });
});

describe("withoutReceivers", () => {
  it("mutes the named receivers inside the block only", async () => {
    const [a, b] = await twoUsers();
    await withoutReceivers(["notifications.notify-receiver"], async () => {
      await insert("messages", { senderId: a.id, receiverId: b.id, content: "quiet" });
    });
    expect((await rowCounts()).notifications).toBe(0);
    await insert("messages", { senderId: a.id, receiverId: b.id, content: "loud" });
    expect((await rowCounts()).notifications).toBe(1);
  });
});
