import Database from "better-sqlite3";
import pg from "pg";

export interface SeededColleague {
  id: number;
  name: string;
  email: string;
}

/**
 * Writes colleagues straight into the e2e server's database (E2E_DATABASE_URL) in one bulk
 * insert: a thousand accounts in a moment, where registering them would cost two thousand
 * deliberately slow password hashes. They cannot sign in (their hash matches no password);
 * they exist to be found.
 */
export async function seedColleagues(
  people: { name: string; email: string }[],
): Promise<SeededColleague[]> {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set (playwright.config.ts sets it)");
  const now = Date.now();
  if (/^postgres(ql)?:\/\//.test(url)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const result = await client.query<SeededColleague>(
        `insert into users (name, email, password_hash, created_at)
         select name, email, 'seeded:no-password', $3 from unnest($1::text[], $2::text[]) as t(name, email)
         returning id, name, email`,
        [people.map((p) => p.name), people.map((p) => p.email), now],
      );
      return result.rows;
    } finally {
      await client.end();
    }
  }
  const db = new Database(url);
  try {
    db.pragma("busy_timeout = 10000");
    const insert = db.prepare(
      "insert into users (name, email, password_hash, created_at) values (?, ?, 'seeded:no-password', ?) returning id, name, email",
    );
    return db.transaction(() =>
      people.map((p) => insert.get(p.name, p.email, now) as SeededColleague),
    )();
  } finally {
    db.close();
  }
}
