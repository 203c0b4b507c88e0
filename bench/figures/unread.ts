import type Database from "better-sqlite3";
import { countSync } from "@/db/statement-counter";
import { unreadCountFor, unreadFor, unreadQuery } from "@/lib/inbox";
import { insertUsers, messageWriter, pick, seededRandom, sentence } from "../support/data";
import { median, round, timeRuns } from "../support/measure";
import { emit, judge } from "../support/report";
import { openTempDatabase } from "../support/temp-database";

const MESSAGES = 1_000_000;
const USERS = 1_000;
/** The measured user receives 1% of all messages; 2% of all messages are unread. */
const MEASURED_SHARE = 0.01;
const UNREAD_SHARE = 0.02;
const PARTIAL_INDEX = "messages_unread_idx";

function fill(sqlite: Database.Database, users: number[], measured: number) {
  const random = seededRandom(20_260_904);
  const write = messageWriter(sqlite);
  const start = Date.UTC(2025, 0, 1);
  sqlite.transaction(() => {
    for (let i = 0; i < MESSAGES; i++) {
      const receiverId = random() < MEASURED_SHARE ? measured : pick(random, users);
      let senderId = pick(random, users);
      while (senderId === receiverId) senderId = pick(random, users);
      write({
        senderId,
        receiverId,
        parentMessageId: null,
        content: sentence(random, 4),
        createdAt: start + i * 1_000,
        read: random() >= UNREAD_SHARE,
      });
    }
  })();
  sqlite.exec("analyze");
}

function plan(sqlite: Database.Database, query: string, params: unknown[]): string[] {
  return sqlite
    .prepare(`explain query plan ${query}`)
    .all(...params)
    .map((row) => (row as { detail: string }).detail);
}

export function unreadBenchmark(): void {
  const temp = openTempDatabase("unread");
  try {
    const users = insertUsers(temp.sqlite, USERS);
    const measured = users[0] as number;
    const fillStarted = performance.now();
    fill(temp.sqlite, users, measured);
    console.error(
      `[bench] unread: 1,000,000 messages written in ${Math.round((performance.now() - fillStarted) / 1000)} s`,
    );

    const counted = countSync(() => unreadCountFor(measured));
    const countSql = counted.statements[0] ?? "";
    // The count and the list share one filter, hence one parameter list.
    const params = unreadQuery(measured).params;
    if (countSql.split("?").length - 1 !== params.length)
      throw new Error("unexpected count query shape");
    const countPlan = plan(temp.sqlite, countSql, params);
    const listSql = unreadQuery(measured).sql;
    const listPlan = plan(temp.sqlite, listSql, params);

    const countMs = median(timeRuns(() => unreadCountFor(measured), { runs: 300, warmup: 10 }));
    const listMs = median(timeRuns(() => unreadFor(measured), { runs: 300, warmup: 10 }));
    // The same count through the ordinary receiver index, to show what the partial one saves.
    const withoutPartial = temp.sqlite
      .prepare(
        `select count(*) from messages indexed by messages_receiver_idx
         where receiver_id = ? and read = 0 and sender_id != ? and deleted_at is null`,
      )
      .pluck();
    if (withoutPartial.get(measured, measured) !== counted.result)
      throw new Error("counts disagree");
    const fullIndexMs = median(
      timeRuns(() => withoutPartial.get(measured, measured), { runs: 300, warmup: 10 }),
    );

    const usesPartial = (lines: string[]) => lines.some((line) => line.includes(PARTIAL_INDEX));
    const shared = { messages_in_db: MESSAGES, unread_of_user: counted.result };
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
      variant: "count via receiver index (no partial index)",
      ...shared,
      median_ms: round(fullIndexMs),
    });
    judge({
      figure: "unread count at 1M: uses the partial index",
      value: `${usesPartial(countPlan) ? "yes" : "no"} (${round(countMs)} ms; ${round(fullIndexMs)} ms without)`,
      target: PARTIAL_INDEX,
      met: usesPartial(countPlan),
    });
    judge({
      figure: "unread list at 1M: uses the partial index",
      value: `${usesPartial(listPlan) ? "yes" : "no"} (${round(listMs)} ms)`,
      target: PARTIAL_INDEX,
      met: usesPartial(listPlan),
    });
  } finally {
    temp.dispose();
  }
}
