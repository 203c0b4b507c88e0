import { countAsync } from "@/db/statement-counter";
import { conversationFor } from "@/lib/messaging/cached-views";
import { loadInbox } from "@/lib/unread/inbox";
import {
  insertUsers,
  messageLoader,
  type NewMessage,
  pick,
  scaled,
  seededRandom,
  sentence,
} from "../support/data";
import { median, round, timeRuns } from "../support/measure";
import { emit, judge } from "../support/report";
import { analyze, type BenchDialect, openTempDatabase } from "../support/temp-database";

const USERS = 20;
const SIZES = [scaled(1_000, 100), scaled(100_000, 1_000)] as const;
/** Share of all messages in the measured conversation (users 1 and 2). */
const MEASURED_PAIR_SHARE = 0.1;
const REPLY_SHARE = 0.2;
const READ_SHARE = 0.9;

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
  return (write: (row: NewMessage) => number) => {
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

export async function pagesBenchmark(dialect: BenchDialect): Promise<void> {
  const temp = await openTempDatabase(dialect, "pages");
  try {
    const users = await insertUsers(temp, USERS);
    const [viewer, other] = users as [number, number];
    const next = messageStream(users);
    const loader = await messageLoader(temp);
    const medians: Record<string, number[]> = { conversation: [], inbox: [] };
    let stored = 0;
    for (const size of SIZES) {
      for (; stored < size; stored++) next(loader.add);
      await loader.flush();
      // The backlog is never reset between sizes: the unread messages keep piling up as
      // they would for a user who does not keep up, and the inbox must cope with that.
      await analyze(temp);
      const unread = Number(
        await temp.raw.value(
          "select count(*) from messages where receiver_id = ? and read = false and deleted_at is null",
          [viewer],
        ),
      );
      // What the pages call: conversationFor checks the colleague, then reads the page.
      const views: Record<string, () => Promise<{ messages: unknown[] }>> = {
        conversation: () => conversationFor(viewer, other),
        inbox: () => loadInbox(viewer),
      };
      for (const [view, load] of Object.entries(views)) {
        const { count, result } = await countAsync(load);
        const ms = median(await timeRuns(load, { runs: 200, warmup: 10 }));
        medians[view]?.push(ms);
        const rows = result.messages.length;
        emit({
          bench: "pages",
          db: dialect,
          variant: view,
          messages_in_db: size,
          viewer_unread: unread,
          rows,
          statements: count,
          median_ms: round(ms),
        });
        const limit = view === "conversation" ? 3 : 2;
        judge({
          figure: `${view} at ${size.toLocaleString("en")} messages: statements`,
          db: dialect,
          value: String(count),
          target: `<= ${limit}`,
          met: count <= limit,
        });
        judge({
          figure: `${view} at ${size.toLocaleString("en")} messages: median time`,
          db: dialect,
          value: `${round(ms)} ms (${rows} rows)`,
          target: "(context)",
          met: null,
        });
      }
    }
    for (const [view, [small, large]] of Object.entries(medians)) {
      if (small === undefined || large === undefined) continue;
      const growth = large / small;
      emit({
        bench: "pages",
        db: dialect,
        variant: `${view} growth`,
        from_messages: SIZES[0],
        to_messages: SIZES[1],
        time_ratio: round(growth),
      });
      judge({
        figure: `${view}: time at ${SIZES[1].toLocaleString("en")} / at ${SIZES[0].toLocaleString("en")}`,
        db: dialect,
        value: `${round(growth)}x (${round(small)} -> ${round(large)} ms)`,
        target: "<= 2x (nearly flat)",
        met: growth <= 2,
      });
    }
  } finally {
    await temp.dispose();
  }
}
