import { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getConnection } from "@/db/client";
import { rows } from "@/db/query";
import { removeAccount } from "@/lib/accounts/accounts";
import { storeUpload } from "@/lib/files/upload";
import { sendMessage } from "@/lib/messaging/messages";
import { replyToMessage } from "@/lib/messaging/threads";
import { sendRoomMessage } from "@/lib/rooms/room-messages";
import { addRoomMember, createRoom } from "@/lib/rooms/rooms";
import { integrityReport, type Violation } from "@/test-kit/database";
import { expectOk, makeUser } from "./helpers";

const CLEAN = {
  integrity: ["ok"],
  foreignKeyViolations: [],
  messagesWithoutNotification: 0,
  messagesWithSeveralNotifications: 0,
};

/** The URL of this file's database, as the reliability and cluster suites pass theirs. */
function databaseUrl(): string {
  const connection = getConnection();
  if (connection.dialect === "sqlite") return connection.sqlite.name;
  return connection.pool.options.connectionString as string;
}

async function upload(userId: number, name: string) {
  const bytes = Buffer.from(`contents of ${name}`);
  const outcome = await storeUpload(userId, {
    name,
    claimedType: "text/plain",
    declaredSize: bytes.length,
    body: Readable.from([bytes]),
  });
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.attachment;
}

/**
 * Everything rooms add, healthy: room messages (no receiver), one notifying two members
 * (@room), a reply, the tombstone of an author who deleted their account (no sender), a
 * room whose creator is gone, attachments attached and not.
 */
async function seedRooms() {
  const [ada, bo, cy, di] = [
    await makeUser("Ada"),
    await makeUser("Bo"),
    await makeUser("Cy"),
    await makeUser("Di"),
  ];
  const dm = expectOk(await sendMessage(ada.id, { receiverId: bo.id, content: "direct" }));
  const room = expectOk(await createRoom(ada.id, { name: "ops", kind: "private", topic: "" }));
  for (const member of [bo, cy, di]) {
    expectOk(await addRoomMember(ada.id, { roomId: room.id, userId: member.id }));
  }
  expectOk(await createRoom(cy.id, { name: "cys-room", kind: "open", topic: "" }));
  const file = await upload(ada.id, "plan.txt");
  await upload(ada.id, "never-sent.txt");
  const everyone = expectOk(
    await sendRoomMessage(ada.id, {
      roomId: room.id,
      content: "@room deploy at five",
      attachmentIds: [file.id],
    }),
  );
  const cys = expectOk(await sendRoomMessage(cy.id, { roomId: room.id, content: "from Cy" }));
  expectOk(await replyToMessage(bo.id, { parentMessageId: cys.id, content: "reply to Cy" }));
  expectOk(await removeAccount(cy.id));
  return { ada, bo, dm, room, everyone, cys, file };
}

/** Violations in one order whatever the database's collation. */
const byKey = (list: Violation[]) =>
  list.map((v) => JSON.stringify([v.tbl, v.row_key, v.ref])).sort();

/**
 * Breaks rows as a bug or a crash might, past the database's own checks: foreign keys and
 * check constraints off on SQLite for these statements; dropped on this file's PostgreSQL
 * database (it is the file's own, and this is its last test).
 */
async function breakRows(statements: string[]) {
  const connection = getConnection();
  if (connection.dialect === "sqlite") {
    connection.sqlite.exec(
      `pragma foreign_keys = off; pragma ignore_check_constraints = on;
       ${statements.join(";\n")};
       pragma ignore_check_constraints = off; pragma foreign_keys = on;`,
    );
    return;
  }
  await connection.pool.query(`do $$ declare r record; begin
    for r in select conrelid::regclass::text as t, conname from pg_constraint
      where contype in ('f', 'c')
        and conrelid in ('messages'::regclass, 'room_members'::regclass, 'attachments'::regclass)
    loop execute format('alter table %I drop constraint %I', r.t, r.conname); end loop;
  end $$`);
  for (const statement of statements) await connection.pool.query(statement);
}

describe("the test kit's integrity report", () => {
  it("accepts a healthy database with rooms, mentions, tombstones and attachments", async () => {
    const { cys } = await seedRooms();
    // What makes it healthy and not merely empty: the rows the old check took for broken.
    const [tombstone] = await rows<{ sender_id: number | null; receiver_id: number | null }>(
      sql`select sender_id, receiver_id from messages where id = ${cys.id}`,
    );
    expect(tombstone).toEqual({ sender_id: null, receiver_id: null });
    const [several] = await rows<{ n: number }>(
      sql`select count(*) as n from (select message_id from notifications
          group by message_id having count(*) > 1) as s`,
    );
    expect(Number(several?.n)).toBe(1);
    expect(await integrityReport(databaseUrl())).toEqual(CLEAN);
  });

  it("still reports each broken reference and a message addressed to a person and a room", async () => {
    const { bo, dm, room, everyone, file } = await seedRooms();
    await breakRows([
      `update messages set room_id = 999999 where id = ${everyone.id}`,
      `update room_members set user_id = 999998 where room_id = ${room.id} and user_id = ${bo.id}`,
      `update attachments set message_id = 999997 where id = ${file.id}`,
      // Both a person and a room (neither would break PostgreSQL's search index first).
      `update messages set room_id = ${room.id} where id = ${dm.id}`,
    ]);
    const report = await integrityReport(databaseUrl());
    expect(byKey(report.foreignKeyViolations)).toEqual(
      byKey([
        { tbl: "attachments", row_key: String(file.id), ref: "message_id" },
        { tbl: "messages", row_key: String(dm.id), ref: "receiver_id xor room_id" },
        { tbl: "messages", row_key: String(everyone.id), ref: "room_id" },
        { tbl: "room_members", row_key: `${room.id}/999998`, ref: "user_id" },
      ]),
    );
  });
});
