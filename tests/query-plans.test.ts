import { describe, expect, it } from "vitest";
import { getConnection } from "@/db/client";
import { withoutReceivers } from "@/db/events";
import { countAsync } from "@/db/statement-counter";
import { conversationPage } from "@/lib/messaging/conversations";
import { loadThreadFromRoot } from "@/lib/messaging/threads";
import { markRoomRead, sendRoomMessage } from "@/lib/rooms/room-messages";
import { createRoom, joinRoom } from "@/lib/rooms/rooms";
import { searchMessages } from "@/lib/search/search";
import { expectOk, makeUser, send } from "./helpers";
import { analyzeTables, planOf, planOfRead } from "./support/query-plan";

/** Receivers a running server needs, muted while the test writes its backlog. */
const BULK_SETUP_MUTED = ["notifications.notify-receiver", "messages.after-commit"];

/**
 * Plans as the database makes them once it has statistics (`analyze`, which operators run
 * and `npm run bench:users` runs): nearly every message is top-level, so parent_message_id
 * is NULL in almost every row (here: in all of them, as before anyone's first reply), and
 * an index holding those NULLs looks useless to SQLite's planner. Its own file, so the statistics it
 * gathers never steer another test's plans.
 */
describe("with statistics of a table of mostly top-level messages", () => {
  it("reaches replies through messages_parent_idx, never a scan of messages", async () => {
    const a = await makeUser("Ada");
    const b = await makeUser("Brian");
    const root = await send(a.id, b.id, "root");
    await withoutReceivers(BULK_SETUP_MUTED, async () => {
      for (let i = 0; i < 400; i++) await send(b.id, a.id, `message ${i}`);
    });
    await analyzeTables();

    for (const plan of [
      // The page or the thread first, then its reactions (planned on their own unique index).
      await planOfRead(() => conversationPage(a.id, b.id), 2),
      await planOfRead(() => loadThreadFromRoot(root.id), 2),
    ]) {
      expect(plan).toMatch(/messages_parent_idx/);
      if (getConnection().dialect === "sqlite") expect(plan).not.toMatch(/SCAN (r|m)\b/);
    }
  }, 60_000);
});

describe("search with attachment names in the index", () => {
  it("still finds hits through the full-text index, never a scan of messages", async () => {
    const a = await makeUser("Ada");
    const b = await makeUser("Brian");
    await withoutReceivers(BULK_SETUP_MUTED, async () => {
      for (let i = 0; i < 200; i++) await send(b.id, a.id, `budget line ${i}`);
    });
    await analyzeTables();
    const { statements, params } = await countAsync(() => searchMessages(a.id, { q: "budg" }));
    const plan = await planOf({
      sql: statements.at(-1) as string,
      params: params.at(-1) as unknown[],
    });
    if (getConnection().dialect === "sqlite") {
      expect(plan).toMatch(/SCAN f VIRTUAL TABLE INDEX/);
      expect(plan).not.toMatch(/SCAN m\b/);
    } else {
      expect(plan).toMatch(/messages_search_idx/);
    }
  }, 60_000);
});

describe("a room send with some members watching", () => {
  it("moves the watchers' read positions through room_members_watching_idx, never a walk of the room's members", async () => {
    const members = await Promise.all(Array.from({ length: 60 }, () => makeUser()));
    const [ada, bo] = members as [(typeof members)[0], (typeof members)[0]];
    const room = expectOk(await createRoom(ada.id, { name: `plan-${ada.id}`, kind: "open" }));
    for (const member of members.slice(1)) expectOk(await joinRoom(member.id, { roomId: room.id }));
    await markRoomRead(bo.id, room.id, true);
    await analyzeTables();

    const { statements, params } = await countAsync(() =>
      sendRoomMessage(ada.id, { roomId: room.id, content: "hello" }).then(expectOk),
    );
    const at = statements.findIndex((text) => /update .room_members./i.test(text));
    expect(at).toBeGreaterThanOrEqual(0);
    const plan = await planOf({
      sql: statements[at] as string,
      params: params[at] as unknown[],
    });
    expect(plan).toMatch(/room_members_watching_idx/);
  }, 60_000);
});
