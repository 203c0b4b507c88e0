import type Database from "better-sqlite3";
import { countSync } from "@/db/statement-counter";
import { loadConversation } from "@/lib/conversations";
import { loadInbox } from "@/lib/inbox";
import { insertUsers, messageWriter, pick, seededRandom, sentence } from "../support/data";
import { median, round, timeRuns } from "../support/measure";
import { emit, judge } from "../support/report";
import { openTempDatabase } from "../support/temp-database";

const USERS = 20;
const SIZES = [1_000, 100_000] as const;
/** Share of all messages in the measured conversation (users 1 and 2). */
const MEASURED_PAIR_SHARE = 0.1;
const REPLY_SHARE = 0.2;
const READ_SHARE = 0.9;
/** The viewer keeps up with their inbox: all but the newest 60 they received are read. */
const VIEWER_UNREAD = 60;

/**
 * One seeded stream of messages between 20 colleagues: a tenth of them between the two
 * measured users, a fifth of them replies within their conversation, nine in ten read.
 * The database is measured after the first 1,000, then again once it holds 100,000.
 */
function messageStream(users: number[]) {
  const random = seededRandom(20_260_902);
  const byPair = new Map<string, number[]>();
  const [first, second] = users as [number, number];
  const start = Date.UTC(2026, 0, 1);
  let sent = 0;
  return (write: ReturnType<typeof messageWriter>) => {
    let [a, b] =
      random() < MEASURED_PAIR_SHARE ? [first, second] : [pick(random, users), pick(random, users)];
    while (a === b) b = pick(random, users);
    if (random() < 0.5) [a, b] = [b, a];
    const key = `${Math.min(a, b)}-${Math.max(a, b)}`;
    const earlier = byPair.get(key) ?? [];
    const parentMessageId =
      earlier.length > 0 && random() < REPLY_SHARE ? pick(random, earlier) : null;
    sent += 1;
    const id = write({
      senderId: a,
      receiverId: b,
      parentMessageId,
      content: sentence(random),
      createdAt: start + sent * 1_000,
      read: random() < READ_SHARE,
    });
    earlier.push(id);
    byPair.set(key, earlier);
  };
}

/** So the inbox measured at both sizes is the same size: a full page, the same backlog. */
function keepUpWithInbox(sqlite: Database.Database, viewer: number) {
  sqlite
    .prepare(
      `update messages set read = 0, read_at = null where receiver_id = @viewer and id in (
         select id from messages where receiver_id = @viewer order by created_at desc limit @limit)`,
    )
    .run({ viewer, limit: VIEWER_UNREAD });
  sqlite
    .prepare(
      `update messages set read = 1, read_at = created_at where receiver_id = @viewer and read = 0
         and id not in (select id from messages where receiver_id = @viewer order by created_at desc limit @limit)`,
    )
    .run({ viewer, limit: VIEWER_UNREAD });
}

export function pagesBenchmark(): void {
  const temp = openTempDatabase("pages");
  try {
    const users = insertUsers(temp.sqlite, USERS);
    const [viewer, other] = users as [number, number];
    const next = messageStream(users);
    const write = messageWriter(temp.sqlite);
    const medians: Record<string, number[]> = { conversation: [], inbox: [] };
    let stored = 0;
    for (const size of SIZES) {
      temp.sqlite.transaction(() => {
        for (; stored < size; stored++) next(write);
        keepUpWithInbox(temp.sqlite, viewer);
      })();
      temp.sqlite.exec("analyze");
      const views: Record<string, () => { messages: unknown[] }> = {
        conversation: () => loadConversation(viewer, other),
        inbox: () => loadInbox(viewer),
      };
      for (const [view, load] of Object.entries(views)) {
        const { count, result } = countSync(load);
        const ms = median(timeRuns(load, { runs: 200, warmup: 10 }));
        medians[view]?.push(ms);
        const rows = result.messages.length;
        emit({
          bench: "pages",
          variant: view,
          messages_in_db: size,
          rows,
          statements: count,
          median_ms: round(ms),
        });
        const limit = view === "conversation" ? 3 : 2;
        judge({
          figure: `${view} at ${size.toLocaleString("en")} messages: statements`,
          value: String(count),
          target: `<= ${limit}`,
          met: count <= limit,
        });
      }
    }
    for (const [view, [small, large]] of Object.entries(medians)) {
      if (small === undefined || large === undefined) continue;
      const growth = large / small;
      emit({
        bench: "pages",
        variant: `${view} growth`,
        from_messages: SIZES[0],
        to_messages: SIZES[1],
        time_ratio: round(growth),
      });
      judge({
        figure: `${view}: time at 100k / at 1k`,
        value: `${round(growth)}x (${round(small)} -> ${round(large)} ms)`,
        target: "<= 2x (nearly flat)",
        met: growth <= 2,
      });
    }
  } finally {
    temp.dispose();
  }
}
