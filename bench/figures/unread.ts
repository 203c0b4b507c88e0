import { countAsync } from "@/db/statement-counter";
import { unreadCountFor, unreadCountQuery, unreadFor, unreadQuery } from "@/lib/unread/inbox";
import {
  insertUsers,
  messageLoader,
  pick,
  SCALE,
  scaled,
  seededRandom,
  sentence,
} from "../support/data";
import { median, round, timeRuns } from "../support/measure";
import { emit, judge } from "../support/report";
import {
  analyze,
  type BenchDialect,
  openTempDatabase,
  type Raw,
  rawOn,
  type TempDatabase,
} from "../support/temp-database";

const MESSAGES = scaled(1_000_000, 10_000);
const USERS = 1_000;
/** The measured user receives 1% of all messages; 2% of all messages are unread. */
const MEASURED_SHARE = 0.01;
const UNREAD_SHARE = 0.02;
const PARTIAL_INDEX = "messages_unread_idx";
/** Rows generated and written per batch, so a million never sit in memory at once. */
const CHUNK = 100_000;
const RUNS = { indexed: SCALE < 1 ? 50 : 300, unindexed: SCALE < 1 ? 10 : 30 };

async function fill(temp: TempDatabase, users: number[], measured: number) {
  const random = seededRandom(20_260_904);
  const loader = await messageLoader(temp);
  const start = Date.UTC(2025, 0, 1);
  for (let i = 0; i < MESSAGES; i++) {
    const receiverId = random() < MEASURED_SHARE ? measured : pick(random, users);
    let senderId = pick(random, users);
    while (senderId === receiverId) senderId = pick(random, users);
    loader.add({
      senderId,
      receiverId,
      parentMessageId: null,
      content: sentence(random, 4),
      createdAt: start + i * 1_000,
      read: random() >= UNREAD_SHARE,
    });
    if ((i + 1) % CHUNK === 0) await loader.flush();
  }
  await loader.flush();
  await analyze(temp);
}

/** The plan of `query`: SQLite's EXPLAIN QUERY PLAN details, PostgreSQL's EXPLAIN lines. */
async function plan(raw: Raw, query: string, params: unknown[]): Promise<string[]> {
  if (raw.dialect === "sqlite") {
    const steps = await raw.all<{ detail: string }>(`explain query plan ${query}`, params);
    return steps.map((step) => step.detail);
  }
  const lines = await raw.all<{ "QUERY PLAN": string }>(`explain ${query}`, params);
  return lines.map((line) => line["QUERY PLAN"]);
}

/**
 * Runs `fn` with the partial index gone, then brings it back: the drop happens inside a
 * transaction that is rolled back (DDL is transactional in both databases), on SQLite's
 * writer connection or on one PostgreSQL client, where `fn` runs its queries.
 */
async function withoutPartialIndex<T>(
  temp: TempDatabase,
  fn: (raw: Raw) => Promise<T>,
): Promise<T> {
  const { connection } = temp;
  const client = connection.dialect === "postgres" ? await connection.pool.connect() : undefined;
  const raw = rawOn(connection, client);
  try {
    await raw.run("begin");
    try {
      await raw.run(`drop index ${PARTIAL_INDEX}`);
      return await fn(raw);
    } finally {
      await raw.run("rollback");
    }
  } finally {
    client?.release();
  }
}

/** The app's query text and parameters, with `?` placeholders in both dialects. */
function portable(query: { sql: string; params: unknown[] }) {
  return { sql: query.sql.replace(/\$\d+/g, "?"), params: query.params };
}

export async function unreadBenchmark(dialect: BenchDialect): Promise<void> {
  const temp = await openTempDatabase(dialect, "unread");
  try {
    const users = await insertUsers(temp, USERS);
    const measured = users[0] as number;
    const fillStarted = performance.now();
    await fill(temp, users, measured);
    console.error(
      `[bench] unread: ${MESSAGES.toLocaleString("en")} messages written to ${dialect} in ${Math.round((performance.now() - fillStarted) / 1000)} s`,
    );

    const counted = await countAsync(() => unreadCountFor(measured));
    const count = portable(unreadCountQuery(measured).toSQL());
    const list = portable(unreadQuery(measured));
    const countPlan = await plan(temp.raw, count.sql, count.params);
    const listPlan = await plan(temp.raw, list.sql, list.params);

    const countMs = median(
      await timeRuns(() => unreadCountFor(measured), { runs: RUNS.indexed, warmup: 10 }),
    );
    const listMs = median(
      await timeRuns(() => unreadFor(measured), { runs: RUNS.indexed, warmup: 10 }),
    );
    // The same count statement with the driver alone, with the partial index and without it.
    const rawCount = (raw: Raw) => raw.value(count.sql, count.params);
    if (Number(await rawCount(temp.raw)) !== counted.result) throw new Error("counts disagree");
    const withMs = median(
      await timeRuns(() => rawCount(temp.raw), { runs: RUNS.indexed, warmup: 10 }),
    );
    const without = await withoutPartialIndex(temp, async (raw) => {
      if (Number(await rawCount(raw)) !== counted.result) throw new Error("counts disagree");
      return {
        plan: await plan(raw, count.sql, count.params),
        ms: median(await timeRuns(() => rawCount(raw), { runs: RUNS.unindexed, warmup: 2 })),
      };
    });

    const usesPartial = (lines: string[]) => lines.some((line) => line.includes(PARTIAL_INDEX));
    const shared = { db: dialect, messages_in_db: MESSAGES, unread_of_user: counted.result };
    emit({
      bench: "unread",
      variant: "count",
      ...shared,
      statements: counted.count,
      median_ms: round(countMs),
      plan: countPlan,
    });
    emit({
      bench: "unread",
      variant: "inbox list (newest 50)",
      ...shared,
      median_ms: round(listMs),
      plan: listPlan,
    });
    emit({
      bench: "unread",
      variant: "count statement, driver only, with the partial index",
      ...shared,
      median_ms: round(withMs),
    });
    emit({
      bench: "unread",
      variant: "count statement, driver only, partial index dropped",
      ...shared,
      median_ms: round(without.ms),
      plan: without.plan,
    });
    const size = MESSAGES.toLocaleString("en");
    judge({
      figure: `unread count at ${size}: uses the partial index`,
      db: dialect,
      value: `${usesPartial(countPlan) ? "yes" : "no"} (${round(countMs)} ms)`,
      target: PARTIAL_INDEX,
      met: usesPartial(countPlan),
    });
    judge({
      figure: `unread count at ${size}: with / without the partial index`,
      db: dialect,
      value: `${round(withMs)} / ${round(without.ms)} ms (${round(without.ms / withMs)}x)`,
      target: "(context)",
      met: null,
    });
    judge({
      figure: `unread list at ${size}: uses the partial index`,
      db: dialect,
      value: `${usesPartial(listPlan) ? "yes" : "no"} (${round(listMs)} ms)`,
      target: PARTIAL_INDEX,
      met: usesPartial(listPlan),
    });
  } finally {
    await temp.dispose();
  }
}
