import { countAsync } from "@/db/statement-counter";
import { sendMessage, storeMessage } from "@/lib/messaging/messages";
import { replyToMessage } from "@/lib/messaging/threads";
import { insertUsers, pick, SCALE, scaled, seededRandom, sentence } from "../support/data";
import { median, round } from "../support/measure";
import { emit, judge } from "../support/report";
import {
  type BenchDialect,
  numbered,
  openTempDatabase,
  type TempDatabase,
} from "../support/temp-database";

const MESSAGES = scaled(5_000, 200);
const ROUNDS = SCALE < 1 ? 2 : 5;
const USERS = 20;

interface Row {
  senderId: number;
  receiverId: number;
  content: string;
}

/** The same seeded rows for every variant and round (user ids are 1..20 in a fresh database). */
function rows(): Row[] {
  const random = seededRandom(20_260_903);
  const ids = Array.from({ length: USERS }, (_, i) => i + 1);
  return Array.from({ length: MESSAGES }, () => {
    const senderId = pick(random, ids);
    let receiverId = pick(random, ids);
    while (receiverId === senderId) receiverId = pick(random, ids);
    return { senderId, receiverId, content: sentence(random) };
  });
}

type Variant = "events" | "send" | "reply" | "raw";

/** The reply variant: this many top-level messages first, then replies to them. */
const ROOTS = 100;

const INSERT_MESSAGE =
  "insert into messages (sender_id, receiver_id, parent_message_id, content, read, read_at) values (?, ?, null, ?, false, null)";
const INSERT_NOTIFICATION =
  "insert into notifications (user_id, message_id, kind) values (?, ?, 'message')";

/**
 * The same two rows the events layer writes for a message (the message, its notification),
 * in one transaction per message, with the driver and nothing else: prepared better-sqlite3
 * statements on SQLite; on PostgreSQL a pooled client per message, as the events layer
 * takes one per transaction (BEGIN, two INSERTs, COMMIT: four round trips).
 */
function rawSender(temp: TempDatabase): (row: Row) => Promise<void> {
  const { connection } = temp;
  if (connection.dialect === "sqlite") {
    const { sqlite } = connection;
    const insertMessage = sqlite.prepare(INSERT_MESSAGE);
    const insertNotification = sqlite.prepare(INSERT_NOTIFICATION);
    const send = sqlite.transaction((row: Row) => {
      const id = insertMessage.run(row.senderId, row.receiverId, row.content).lastInsertRowid;
      insertNotification.run(row.receiverId, id);
    });
    return async (row) => void send(row);
  }
  const insertMessage = `${numbered(INSERT_MESSAGE)} returning id`;
  const insertNotification = numbered(INSERT_NOTIFICATION);
  return async (row) => {
    const client = await connection.pool.connect();
    try {
      await client.query("BEGIN");
      const { rows: inserted } = await client.query(insertMessage, [
        row.senderId,
        row.receiverId,
        row.content,
      ]);
      await client.query(insertNotification, [row.receiverId, inserted[0].id]);
      await client.query("COMMIT");
      client.release();
    } catch (error) {
      client.release(true);
      throw error;
    }
  };
}

const VARIANTS = ["raw", "events", "send", "reply"] as const;

/**
 * Messages per second into a fresh database: `events` stores through the events layer (the
 * insert, the notification receiver, the after-commit receivers), `send` is sendMessage
 * (validation and the receiver check in front of that), `reply` replyToMessage (the
 * parent's checks, in a transaction, after ROOTS top-level sends), `raw` is the same two rows
 * inserted with the driver alone, one transaction per message.
 */
async function measure(
  dialect: BenchDialect,
  variant: Variant,
  data: Row[],
): Promise<{ perSecond: number; statements: string[] }> {
  const temp = await openTempDatabase(dialect, `sending_${variant}`);
  try {
    await insertUsers(temp, USERS);
    const raw = rawSender(temp);
    const send: Record<Variant, (row: Row) => Promise<unknown>> = {
      events: (row) => storeMessage({ ...row, parentMessageId: null }),
      send: async (row) => {
        const result = await sendMessage(row.senderId, {
          receiverId: row.receiverId,
          content: row.content,
        });
        if (!result.ok) throw new Error(result.error);
      },
      // What POST /api/messages with a parent runs: replies to one of the first ROOTS
      // messages (ids 1..ROOTS in a fresh database), by one of its two participants.
      reply: async (row) => {
        const index = data.indexOf(row);
        if (index < ROOTS) return send.send(row);
        const root = data[index % ROOTS] as Row;
        const senderId = index % 2 === 0 ? root.senderId : root.receiverId;
        const result = await replyToMessage(senderId, {
          parentMessageId: (index % ROOTS) + 1,
          content: row.content,
        });
        if (!result.ok) throw new Error(result.error);
      },
      raw,
    };
    const [first, ...others] = data as [Row, ...Row[]];
    const started = performance.now();
    // The first send's statements are counted (the driver-only variant logs none).
    const { statements } = await countAsync(() => send[variant](first));
    for (const row of others) await send[variant](row);
    const seconds = (performance.now() - started) / 1000;
    const stored = Number(
      await temp.raw.value(
        "select (select count(*) from messages) + (select count(*) from notifications)",
      ),
    );
    if (stored !== data.length * 2)
      throw new Error(`${variant}: expected ${data.length * 2} rows, found ${stored}`);
    return { perSecond: data.length / seconds, statements };
  } finally {
    await temp.dispose();
  }
}

export async function sendingBenchmark(dialect: BenchDialect): Promise<void> {
  const data = rows();
  const rates: Record<Variant, number[]> = { events: [], send: [], reply: [], raw: [] };
  const statements: Partial<Record<Variant, string[]>> = {};
  // Alternating rounds, so drift in the machine's speed hits every variant alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const variant of VARIANTS) {
      const measured = await measure(dialect, variant, data);
      rates[variant].push(measured.perSecond);
      statements[variant] = measured.statements;
    }
  }
  const perSecond = Object.fromEntries(
    Object.entries(rates).map(([k, v]) => [k, median(v)]),
  ) as Record<Variant, number>;
  for (const variant of VARIANTS) {
    emit({
      bench: "sending",
      db: dialect,
      variant,
      messages: MESSAGES,
      rounds: ROUNDS,
      messages_per_s: Math.round(perSecond[variant]),
      us_per_message: round(1e6 / perSecond[variant]),
      // SQL statements per message, not counting BEGIN/COMMIT and savepoints (neither the
      // events layer nor the driver-only loop sends those through Drizzle's logger).
      ...(variant === "raw"
        ? { statements_per_message: 2 }
        : {
            statements_per_message: statements[variant]?.length,
            statements: statements[variant],
          }),
    });
  }
  const overhead = perSecond.raw / perSecond.events;
  const sendOverhead = perSecond.raw / perSecond.send;
  const replyOverhead = perSecond.raw / perSecond.reply;
  emit({
    bench: "sending",
    db: dialect,
    variant: "overhead",
    events_over_raw: round(overhead),
    send_over_raw: round(sendOverhead),
    reply_over_raw: round(replyOverhead),
  });
  // Judged on what the API runs (sendMessage, replyToMessage), not on storeMessage alone.
  judge({
    figure: "sending: sendMessage (what POST /api/messages runs) / raw inserts",
    db: dialect,
    value: `${round(sendOverhead)}x (${Math.round(perSecond.send)} vs ${Math.round(perSecond.raw)} msg/s)`,
    target: "<= 1.5x",
    met: sendOverhead <= 1.5,
  });
  judge({
    figure: "sending: replyToMessage (a reply) / raw inserts",
    db: dialect,
    value: `${round(replyOverhead)}x (${Math.round(perSecond.reply)} msg/s)`,
    target: "<= 1.5x",
    met: replyOverhead <= 1.5,
  });
  judge({
    figure: "sending: storeMessage (events layer alone) / raw",
    db: dialect,
    value: `${round(overhead)}x (${Math.round(perSecond.events)} msg/s)`,
    target: "(context)",
    met: null,
  });
}
