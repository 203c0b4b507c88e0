import Database from "better-sqlite3";

/**
 * Rows written straight into the e2e server's SQLite database (E2E_DATABASE_URL, set by
 * playwright.config.ts): what the UI cannot make, like messages written days ago, or too
 * many to send one by one. Seed a conversation before anyone opens it: the server's data
 * cache only learns of writes made through the app.
 */
function open() {
  const file = process.env.E2E_DATABASE_URL;
  if (!file || file.startsWith("postgres")) throw new Error("the e2e seeding needs SQLite");
  const database = new Database(file);
  database.pragma("busy_timeout = 10000");
  return database;
}

export function userIdByEmail(email: string): number {
  const database = open();
  try {
    const row = database.prepare("select id from users where email = ?").get(email) as
      | { id: number }
      | undefined;
    if (!row) throw new Error(`no user ${email}`);
    return row.id;
  } finally {
    database.close();
  }
}

export interface SeedMessage {
  senderId: number;
  receiverId: number;
  content: string;
  createdAt: number;
  read?: boolean;
  parentId?: number;
  /** Also write the receiver's notification (unread unless the message is read). */
  notify?: boolean;
}

/** Inserts the messages in order, in one transaction; returns their ids. */
export function seedMessages(list: SeedMessage[]): number[] {
  const database = open();
  try {
    const insertMessage = database.prepare(
      `insert into messages (sender_id, receiver_id, parent_message_id, content, created_at, read, read_at)
       values (?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertNotification = database.prepare(
      `insert into notifications (user_id, message_id, kind, read, created_at) values (?, ?, ?, ?, ?)`,
    );
    return database.transaction(() =>
      list.map((m) => {
        const read = m.read ? 1 : 0;
        const { lastInsertRowid } = insertMessage.run(
          m.senderId,
          m.receiverId,
          m.parentId ?? null,
          m.content,
          m.createdAt,
          read,
          m.read ? m.createdAt : null,
        );
        const id = Number(lastInsertRowid);
        if (m.notify) {
          insertNotification.run(
            m.receiverId,
            id,
            m.parentId ? "reply" : "message",
            read,
            m.createdAt,
          );
        }
        return id;
      }),
    )();
  } finally {
    database.close();
  }
}

export function isRead(messageId: number): boolean {
  const database = open();
  try {
    const row = database.prepare("select read from messages where id = ?").get(messageId) as
      | { read: number }
      | undefined;
    return row?.read === 1;
  } finally {
    database.close();
  }
}

export function unreadNotificationCount(userId: number): number {
  const database = open();
  try {
    const row = database
      .prepare("select count(*) as n from notifications where user_id = ? and read = 0")
      .get(userId) as { n: number };
    return row.n;
  } finally {
    database.close();
  }
}

/**
 * Inserts room messages in order, in one transaction; returns their ids. The room's page
 * is cached: send one message through the app afterwards so its tag expires.
 */
export function seedRoomMessages(
  list: { senderId: number; roomId: number; content: string; createdAt: number }[],
): number[] {
  const database = open();
  try {
    const insert = database.prepare(
      "insert into messages (sender_id, room_id, content, created_at) values (?, ?, ?, ?)",
    );
    return database.transaction(() =>
      list.map((m) =>
        Number(insert.run(m.senderId, m.roomId, m.content, m.createdAt).lastInsertRowid),
      ),
    )();
  } finally {
    database.close();
  }
}
