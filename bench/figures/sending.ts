import { sendMessage, storeMessage } from "@/lib/messages";
import { insertUsers, pick, seededRandom, sentence } from "../support/data";
import { median, round } from "../support/measure";
import { emit, judge } from "../support/report";
import { openTempDatabase } from "../support/temp-database";

const MESSAGES = 5_000;
const ROUNDS = 5;
const USERS = 20;

interface Row {
  senderId: number;
  receiverId: number;
  content: string;
}

/** The same seeded rows for every variant and round (user ids are 1..20 in a fresh file). */
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

type Variant = "events" | "send" | "raw";

/**
 * Messages per second into a fresh file: `events` stores through the events layer (the
 * insert, the notification receiver, the after-commit receivers), `send` is sendMessage
 * (validation and the receiver check in front of that), `raw` is the same two rows
 * inserted with prepared better-sqlite3 statements in one transaction per message.
 */
function measure(variant: Variant, data: Row[]): number {
  const temp = openTempDatabase(`sending-${variant}`);
  try {
    insertUsers(temp.sqlite, USERS);
    const insertMessage = temp.sqlite.prepare(
      "insert into messages (sender_id, receiver_id, parent_message_id, content, read, read_at) values (?, ?, null, ?, 0, null)",
    );
    const insertNotification = temp.sqlite.prepare(
      "insert into notifications (user_id, message_id, kind) values (?, ?, 'message')",
    );
    const rawSend = temp.sqlite.transaction((row: Row) => {
      const id = insertMessage.run(row.senderId, row.receiverId, row.content).lastInsertRowid;
      insertNotification.run(row.receiverId, id);
    });
    const send: Record<Variant, (row: Row) => unknown> = {
      events: (row) => storeMessage({ ...row, parentMessageId: null }),
      send: (row) => {
        const result = sendMessage(row.senderId, {
          receiverId: row.receiverId,
          content: row.content,
        });
        if (!result.ok) throw new Error(result.error);
      },
      raw: (row) => rawSend(row),
    };
    const started = performance.now();
    for (const row of data) send[variant](row);
    const seconds = (performance.now() - started) / 1000;
    const stored = temp.sqlite
      .prepare("select (select count(*) from messages) + (select count(*) from notifications)")
      .pluck()
      .get();
    if (stored !== data.length * 2)
      throw new Error(`${variant}: expected ${data.length * 2} rows, found ${stored}`);
    return data.length / seconds;
  } finally {
    temp.dispose();
  }
}

export function sendingBenchmark(): void {
  const data = rows();
  const rates: Record<Variant, number[]> = { events: [], send: [], raw: [] };
  // Alternating rounds, so drift in the machine's speed hits every variant alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const variant of ["raw", "events", "send"] as const)
      rates[variant].push(measure(variant, data));
  }
  const perSecond = Object.fromEntries(
    Object.entries(rates).map(([k, v]) => [k, median(v)]),
  ) as Record<Variant, number>;
  for (const variant of ["raw", "events", "send"] as const) {
    emit({
      bench: "sending",
      variant,
      messages: MESSAGES,
      rounds: ROUNDS,
      messages_per_s: Math.round(perSecond[variant]),
      us_per_message: round(1e6 / perSecond[variant]),
    });
  }
  const overhead = perSecond.raw / perSecond.events;
  const sendOverhead = perSecond.raw / perSecond.send;
  emit({
    bench: "sending",
    variant: "overhead",
    events_over_raw: round(overhead),
    send_over_raw: round(sendOverhead),
  });
  judge({
    figure: "sending: events layer cost / raw inserts",
    value: `${round(overhead)}x (${Math.round(perSecond.events)} vs ${Math.round(perSecond.raw)} msg/s)`,
    target: "<= 1.5x",
    met: overhead <= 1.5,
  });
}
