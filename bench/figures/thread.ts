import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { messages, users } from "@/db/schema";
import { countSync } from "@/db/statement-counter";
import { loadThread } from "@/lib/threads";
import { insertUsers, messageWriter, pick, seededRandom, sentence } from "../support/data";
import { median, round, timeRuns } from "../support/measure";
import { emit, judge } from "../support/report";
import { openTempDatabase } from "../support/temp-database";

const SIZE = 5_000;
const DEPTH = 100;
/** Unrelated messages added afterwards: a thread's cost should not grow with the table. */
const UNRELATED = 95_000;

/** The thread the threads issue names: 1,000 messages, 200 deep. */
const SMALL = { size: 1_000, depth: 200 };

/**
 * A thread of `size` messages (5,000 by default), `maxDepth` deep (100): a spine of nested
 * replies guarantees the depth; every other reply hangs under a random earlier message
 * that is less than `maxDepth` deep.
 */
function buildThread(size = SIZE, maxDepth = DEPTH): { viewerId: number; rootId: number } {
  const sqlite = getDb().$client;
  const random = seededRandom(20_260_901);
  const [ada, bo] = insertUsers(sqlite, 2) as [number, number];
  const write = messageWriter(sqlite);
  const depthOf = new Map<number, number>();
  const openParents: number[] = [];
  const start = Date.UTC(2026, 0, 1);
  const add = (parentMessageId: number | null, depth: number) => {
    const fromAda = random() < 0.5;
    const id = write({
      senderId: fromAda ? ada : bo,
      receiverId: fromAda ? bo : ada,
      parentMessageId,
      content: sentence(random),
      createdAt: start + depthOf.size * 1_000,
      read: true,
    });
    depthOf.set(id, depth);
    if (depth < maxDepth) openParents.push(id);
    return id;
  };
  let rootId = 0;
  sqlite.transaction(() => {
    rootId = add(null, 0);
    let parent = rootId;
    for (let depth = 1; depth <= maxDepth; depth++) parent = add(parent, depth);
    while (depthOf.size < size) {
      const parentId = pick(random, openParents);
      add(parentId, (depthOf.get(parentId) ?? 0) + 1);
    }
  })();
  return { viewerId: ada, rootId };
}

type Node = { id: number; senderName: string; content: string; depth: number };

/** The naive walk: one query for the root, then one query per message for its replies. */
function walkThread(viewerId: number, rootId: number): Node[] {
  const db = getDb();
  const columns = { id: messages.id, senderName: users.name, content: messages.content };
  const root = db
    .select({ ...columns, senderId: messages.senderId, receiverId: messages.receiverId })
    .from(messages)
    .innerJoin(users, eq(users.id, messages.senderId))
    .where(eq(messages.id, rootId))
    .get();
  if (!root || (root.senderId !== viewerId && root.receiverId !== viewerId)) return [];
  const out: Node[] = [];
  const visit = (node: Omit<Node, "depth">, depth: number) => {
    out.push({ ...node, depth });
    const replies = db
      .select(columns)
      .from(messages)
      .innerJoin(users, eq(users.id, messages.senderId))
      .where(eq(messages.parentMessageId, node.id))
      .orderBy(asc(messages.id))
      .all();
    for (const reply of replies) visit(reply, depth + 1);
  };
  visit(root, 0);
  return out;
}

/** The 1,000-message, 200-deep thread: its load time, from its own database. */
function smallThreadBenchmark(): void {
  const temp = openTempDatabase("thread-1000");
  try {
    const { viewerId, rootId } = buildThread(SMALL.size, SMALL.depth);
    const loaded = countSync(() => loadThread(viewerId, rootId));
    const ms = median(timeRuns(() => loadThread(viewerId, rootId), { runs: 30 }));
    const depth = Math.max(...loaded.result.map((m) => m.depth));
    emit({
      bench: "thread",
      variant: "recursive",
      messages: loaded.result.length,
      depth,
      statements: loaded.count,
      median_ms: round(ms),
    });
    judge({
      figure: `thread of ${loaded.result.length} messages, ${depth} deep: load time`,
      value: `${round(ms)} ms in ${loaded.count} statement`,
      target: "1 statement",
      met: loaded.count === 1,
    });
  } finally {
    temp.dispose();
  }
}

export function threadBenchmark(): void {
  smallThreadBenchmark();
  const temp = openTempDatabase("thread");
  try {
    const { viewerId, rootId } = buildThread();
    const recursive = countSync(() => loadThread(viewerId, rootId));
    const walk = countSync(() => walkThread(viewerId, rootId));
    const sameOrder =
      JSON.stringify(recursive.result.map((m) => [m.id, m.depth])) ===
      JSON.stringify(walk.result.map((m) => [m.id, m.depth]));
    if (recursive.result.length !== SIZE || !sameOrder) {
      throw new Error("the recursive query and the walk disagree about the thread");
    }
    const maxDepth = Math.max(...recursive.result.map((m) => m.depth));

    const recursiveMs = median(timeRuns(() => loadThread(viewerId, rootId), { runs: 30 }));
    const walkMs = median(timeRuns(() => walkThread(viewerId, rootId), { runs: 7, warmup: 1 }));
    const ratio = walkMs / recursiveMs;
    const shape = { messages: SIZE, depth: maxDepth };
    emit({
      bench: "thread",
      variant: "recursive",
      ...shape,
      statements: recursive.count,
      median_ms: round(recursiveMs),
    });
    emit({
      bench: "thread",
      variant: "walk",
      ...shape,
      statements: walk.count,
      median_ms: round(walkMs),
    });
    emit({ bench: "thread", variant: "ratio", ...shape, walk_over_recursive: round(ratio) });

    judge({
      figure: "thread: statements (recursive)",
      value: String(recursive.count),
      target: "1",
      met: recursive.count === 1,
    });
    judge({
      figure: "thread: walk / recursive time",
      value: `${round(ratio)}x (${round(walkMs)} / ${round(recursiveMs)} ms)`,
      target: ">= 50x",
      met: ratio >= 50,
    });

    addUnrelatedMessages();
    const crowdedMs = median(timeRuns(() => loadThread(viewerId, rootId), { runs: 15 }));
    emit({
      bench: "thread",
      variant: "recursive, 100k messages in the database",
      ...shape,
      messages_in_db: SIZE + UNRELATED,
      median_ms: round(crowdedMs),
      growth: round(crowdedMs / recursiveMs),
    });
    judge({
      figure: "thread: time with 95k unrelated messages added",
      value: `${round(crowdedMs / recursiveMs)}x (${round(recursiveMs)} -> ${round(crowdedMs)} ms)`,
      target: "(context: ~1x)",
      met: null,
    });
  } finally {
    temp.dispose();
  }
}

/** Other people's conversations, none of them in the measured thread. */
function addUnrelatedMessages() {
  const sqlite = getDb().$client;
  const random = seededRandom(20_260_906);
  const people = insertUsers(sqlite, 20);
  const write = messageWriter(sqlite);
  const start = Date.UTC(2026, 6, 1);
  sqlite.transaction(() => {
    for (let i = 0; i < UNRELATED; i++) {
      const senderId = pick(random, people);
      let receiverId = pick(random, people);
      while (receiverId === senderId) receiverId = pick(random, people);
      write({
        senderId,
        receiverId,
        parentMessageId: null,
        content: sentence(random),
        createdAt: start + i * 1_000,
        read: true,
      });
    }
  })();
  sqlite.exec("analyze");
}
