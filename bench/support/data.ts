import { pick, seededRandom } from "../../test-kit/random";
import type { Raw, TempDatabase } from "./temp-database";

export { pick, seededRandom };

const WORDS =
  "the a release notes review design doc lunch meeting deploy fix bug test build ship plan call tomorrow today ok thanks great ping me when done soon".split(
    " ",
  );

/** A sentence of `words` words drawn from a small vocabulary. */
export function sentence(random: () => number, words = 8 + Math.floor(random() * 12)): string {
  return Array.from({ length: words }, () => pick(random, WORDS)).join(" ");
}

/**
 * BENCH_SCALE (default 1) multiplies the data sizes, so a development run can use a small
 * fraction (BENCH_SCALE=0.05). Every figure prints the sizes it was measured at.
 */
export const SCALE = Number(process.env.BENCH_SCALE ?? 1);

export function scaled(size: number, minimum = 1): number {
  return Math.max(minimum, Math.round(size * SCALE));
}

/**
 * Rows into `table` with explicit ids, so both databases hold the same rows; on PostgreSQL
 * the identity sequence then moves past them, so the app's own inserts continue after.
 */
export async function insertRows(
  raw: Raw,
  table: string,
  columns: string[],
  rows: unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  await raw.insertMany(table, columns, rows);
  if (raw.dialect === "postgres") {
    await raw.run(
      `select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`,
    );
  }
}

/** The next id `table` will hand out (ids are explicit and dense in the benchmarks). */
async function nextId(raw: Raw, table: string): Promise<number> {
  return Number(await raw.value(`select coalesce(max(id), 0) + 1 from ${table}`)) || 1;
}

/** Users straight into the table: the benchmarks never sign in, so the hash is a dummy. */
export async function insertUsers(temp: TempDatabase, count: number): Promise<number[]> {
  const first = await nextId(temp.raw, "users");
  const ids = Array.from({ length: count }, (_, i) => first + i);
  await insertRows(
    temp.raw,
    "users",
    ["id", "name", "email", "password_hash", "created_at"],
    ids.map((id) => [id, `Bench User ${id}`, `bench${id}@bench.test`, "bench-no-login", 0]),
  );
  return ids;
}

export interface NewMessage {
  senderId: number;
  receiverId: number;
  parentMessageId: number | null;
  content: string;
  createdAt: number;
  read: boolean;
}

const MESSAGE_COLUMNS = [
  "id",
  "sender_id",
  "receiver_id",
  "parent_message_id",
  "content",
  "created_at",
  "read",
  "read_at",
];

/**
 * Messages (no notifications: the read benchmarks do not need them), generated in order:
 * `add` returns the new message's id at once, so generators can pick parents among earlier
 * messages; `flush` writes what was added, in big batches.
 */
export async function messageLoader(temp: TempDatabase) {
  let next = await nextId(temp.raw, "messages");
  let pending: unknown[][] = [];
  return {
    add(row: NewMessage): number {
      const id = next++;
      pending.push([
        id,
        row.senderId,
        row.receiverId,
        row.parentMessageId,
        row.content,
        row.createdAt,
        row.read,
        row.read ? row.createdAt : null,
      ]);
      return id;
    },
    async flush(): Promise<void> {
      const rows = pending;
      pending = [];
      await insertRows(temp.raw, "messages", MESSAGE_COLUMNS, rows);
    },
  };
}
