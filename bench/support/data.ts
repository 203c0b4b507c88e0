import type Database from "better-sqlite3";
import { pick, seededRandom } from "../../reliability/harness/random";

export { pick, seededRandom };

const WORDS =
  "the a release notes review design doc lunch meeting deploy fix bug test build ship plan call tomorrow today ok thanks great ping me when done soon".split(
    " ",
  );

/** A sentence of `words` words drawn from a small vocabulary. */
export function sentence(random: () => number, words = 8 + Math.floor(random() * 12)): string {
  return Array.from({ length: words }, () => pick(random, WORDS)).join(" ");
}

/** Users straight into the table: the benchmarks never sign in, so the hash is a dummy. */
export function insertUsers(sqlite: Database.Database, count: number): number[] {
  const insert = sqlite.prepare(
    "insert into users (name, email, password_hash) values (?, ?, 'bench-no-login')",
  );
  const existing = sqlite.prepare("select count(*) from users").pluck().get() as number;
  const ids: number[] = [];
  sqlite.transaction(() => {
    for (let n = existing + 1; n <= existing + count; n++) {
      ids.push(Number(insert.run(`Bench User ${n}`, `bench${n}@bench.test`).lastInsertRowid));
    }
  })();
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

/**
 * A prepared insert for messages (no notifications: the read benchmarks do not need them).
 * Returns each new id, so generators can pick parents among earlier messages. Callers wrap
 * their loop in one transaction.
 */
export function messageWriter(sqlite: Database.Database): (row: NewMessage) => number {
  const insert = sqlite.prepare(
    `insert into messages (sender_id, receiver_id, parent_message_id, content, created_at, read, read_at)
     values (?, ?, ?, ?, ?, ?, ?)`,
  );
  return (row) =>
    Number(
      insert.run(
        row.senderId,
        row.receiverId,
        row.parentMessageId,
        row.content,
        row.createdAt,
        row.read ? 1 : 0,
        row.read ? row.createdAt : null,
      ).lastInsertRowid,
    );
}
