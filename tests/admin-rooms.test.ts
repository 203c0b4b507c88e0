import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "@/db/query";
import { countAsync } from "@/db/statement-counter";
import { recentAuditEntries } from "@/lib/admin/console";
import { type Actor, setRole } from "@/lib/admin/moderation";
import { adminRooms, archiveRoomAsAdmin } from "@/lib/admin/rooms";
import { roomFor, sendRoomMessage } from "@/lib/rooms/room-messages";
import { addRoomMember, browseRooms, createRoom } from "@/lib/rooms/rooms";
import { expectOk, makeUser } from "./helpers";

const adminOf = (user: { id: number }): Actor => ({ kind: "admin", id: user.id });

async function auditCount() {
  const [row] = await rows<{ n: number }>(sql`select count(*) as n from audit_log`);
  return Number(row?.n ?? 0);
}

describe("rooms in the admin console", () => {
  it("lists every room, private ones too, with counts and never contents, in one statement", async () => {
    const ada = await makeUser("Ada");
    const bo = await makeUser("Bo");
    const open = expectOk(await createRoom(ada.id, { name: "console-open", kind: "open" }));
    const secret = expectOk(await createRoom(ada.id, { name: "console-secret", kind: "private" }));
    expectOk(await addRoomMember(ada.id, { roomId: secret.id, userId: bo.id }));
    for (const content of ["one", "two", "three"]) {
      expectOk(await sendRoomMessage(ada.id, { roomId: secret.id, content }));
    }
    const listed = await countAsync(() => adminRooms());
    expect(listed.count).toBe(1);
    expect(listed.result).toEqual([
      { id: open.id, name: "console-open", kind: "open", archived: false, members: 1, messages: 0 },
      {
        id: secret.id,
        name: "console-secret",
        kind: "private",
        archived: false,
        members: 2,
        messages: 3,
      },
    ]);
    expect(JSON.stringify(listed.result)).not.toContain("three");
  });

  it("a console admin archives any room, audited; a member cannot; twice is refused", async () => {
    const ada = await makeUser("Ada");
    const boss = await makeUser("Boss");
    expectOk(await setRole({ kind: "command-line" }, { userId: boss.id }, "admin"));
    const room = expectOk(await createRoom(ada.id, { name: "console-archive", kind: "open" }));
    const before = await auditCount();

    const refused = await archiveRoomAsAdmin(adminOf(ada), { roomId: room.id });
    expect(refused).toMatchObject({ ok: false, code: "forbidden" });
    expect(await auditCount()).toBe(before);
    expect((await roomFor(ada.id, room.id)).room.archivedAt).toBeNull();
    expect(await archiveRoomAsAdmin(adminOf(boss), { roomId: "x" })).toMatchObject({ ok: false });
    expect(await archiveRoomAsAdmin(adminOf(boss), { roomId: 999_999 })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await auditCount()).toBe(before);

    expectOk(await archiveRoomAsAdmin(adminOf(boss), { roomId: room.id }));
    expect((await roomFor(ada.id, room.id)).room.archivedAt).not.toBeNull();
    expect(await browseRooms(ada.id, "console-archive")).toEqual([]);
    const [entry] = await recentAuditEntries(1);
    expect(entry).toMatchObject({
      actorId: boss.id,
      action: "archive_room",
      targetId: room.id,
      targetName: "#console-archive",
    });
    const again = await archiveRoomAsAdmin(adminOf(boss), { roomId: room.id });
    expect(again).toMatchObject({ ok: false, code: "conflict" });
    expect(await auditCount()).toBe(before + 1);
    // Archived: still readable by its members, closed to writing.
    const write = await sendRoomMessage(ada.id, { roomId: room.id, content: "too late" });
    expect(write).toMatchObject({ ok: false, error: expect.stringMatching(/archived/) });
  });
});
