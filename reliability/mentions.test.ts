import { describe, expect, it } from "vitest";
import { addRoomMember, createRoom } from "@/lib/rooms/rooms";
import { inspect, integrityReport } from "../test-kit/database";
import { useWorld } from "../test-kit/world";

const CLIENTS = 20;
const SENDS_EACH = 10;
const names = [
  ...Array.from({ length: CLIENTS }, (_, i) => `Writer ${i + 1} Smith`),
  "Outsider Person",
];

interface Seeded {
  roomId: number;
}

/** The room mentioned in by everyone; the outsider is in no room. */
async function seed(people: { id: number }[]): Promise<Seeded> {
  const [admin, ...rest] = people.slice(0, CLIENTS);
  if (!admin) throw new Error("no people");
  const created = await createRoom(admin.id, { name: "all-hands", kind: "private", topic: "" });
  if (!created.ok) throw new Error(created.error);
  for (const person of rest) {
    const added = await addRoomMember(admin.id, { roomId: created.data.id, userId: person.id });
    if (!added.ok) throw new Error(added.error);
  }
  return { roomId: created.data.id };
}

describe("mentions under load and hostile input", () => {
  const world = useWorld<Seeded>({ label: "mentions", names, seed });

  it("20 clients mentioning each other in one room: every message once, every mention notification once", async () => {
    const writers = world.people.slice(0, CLIENTS);
    const clients = await Promise.all(writers.map((person) => world.signIn(person)));
    const { roomId } = world.seeded;
    const started = performance.now();
    const attempts = await Promise.all(
      clients.map(async (client, i) => {
        const results: { status: number; key: string }[] = [];
        for (let n = 0; n < SENDS_EACH; n++) {
          const next = writers[(i + 1) % CLIENTS]?.name ?? "";
          const key = `mention-${i}-${n}`;
          const body = { roomId, content: `load ${i}-${n} @**${next}**`, idempotencyKey: key };
          const first = await client.json("POST", "/api/messages", body);
          // A retry of every fifth send: it must store nothing and notify nobody again.
          if (n % 5 === 0) await client.json("POST", "/api/messages", body);
          results.push({ status: first.status, key });
        }
        return results;
      }),
    );
    console.log(
      `mentions: ${CLIENTS * SENDS_EACH} room sends with a mention in ${Math.round(performance.now() - started)} ms`,
    );
    expect(attempts.flat().map((a) => a.status)).toEqual(Array(CLIENTS * SENDS_EACH).fill(201));

    const stored = await inspect(world.databaseUrl, async (db) => ({
      messages: await db.value("select count(*) as n from messages where content like 'load %'"),
      mentions: await db.all<{ user_id: number; content: string; sender_id: number }>(
        `select n.user_id, m.content, m.sender_id from notifications n
         join messages m on m.id = n.message_id where n.kind = 'mention'`,
      ),
      duplicates: await db.value(
        `select count(*) as n from (select user_id, message_id from notifications
         group by user_id, message_id having count(*) > 1) as d`,
      ),
    }));
    expect(stored.messages).toBe(CLIENTS * SENDS_EACH);
    expect(stored.mentions).toHaveLength(CLIENTS * SENDS_EACH);
    expect(stored.duplicates).toBe(0);
    for (const row of stored.mentions) {
      // Each notification went to the one person its message mentions, by id.
      expect(row.content).toContain(`|${Number(row.user_id)}**`);
      expect(Number(row.user_id)).not.toBe(Number(row.sender_id));
    }
    expect(await integrityReport(world.databaseUrl)).toEqual({
      integrity: ["ok"],
      foreignKeyViolations: [],
      messagesWithoutNotification: 0,
      messagesWithSeveralNotifications: 0,
    });
  });

  it("hostile mentions: never a 5xx, never markup, never a notification for a non-member or an unknown name", async () => {
    const [first, second] = world.people;
    const outsider = world.people[CLIENTS];
    if (!first || !second || !outsider) throw new Error("no people");
    const client = await world.signIn(first);
    const { roomId } = world.seeded;
    const counts = () =>
      inspect(world.databaseUrl, async (db) => ({
        total: Number(await db.value("select count(*) as n from notifications")),
        second: Number(
          await db.value("select count(*) as n from notifications where user_id = ?", second.id),
        ),
        outsider: Number(
          await db.value("select count(*) as n from notifications where user_id = ?", outsider.id),
        ),
      }));
    const before = await counts();
    const hostile = [
      "@".repeat(9_000),
      "@**x** ".repeat(1_400),
      // Over the Markdown budget: shown as plain text, so it mentions nobody.
      "@**Writer 2 Smith** ".repeat(400).slice(0, 9_999),
      "@**Nobody At All** @**writer 99 smith**",
      `@**Outsider Person** @**Outsider Person|${outsider.id}**`,
      "@**<img src=x onerror=alert(1)>**",
      "@**Writer 2 Smith|99999999999** @**Writer 2 Smith|0** @**|2**",
      "`@room` in code, and a fenced block:\n```\n@**Writer 2 Smith**\n```",
      `${"> ".repeat(30)}@**Writer 2 Smith**`,
      // These three mention Writer 2 (by id, or 100 times by name): one notification each.
      `@**<script>alert(1)</script>|${second.id}**`,
      `@**x](javascript:alert(1)|${second.id}**`,
      "@**Writer 2 Smith** ".repeat(100),
    ];
    for (const content of hostile) {
      const sent = await client.json("POST", "/api/messages", { roomId, content });
      expect([201, 400], content.slice(0, 40)).toContain(sent.status);
    }
    const after = await counts();
    expect(after.outsider).toBe(before.outsider);
    expect(after.second - before.second).toBe(3);
    expect(after.total - before.total).toBe(3);
    const stored = await inspect(world.databaseUrl, (db) =>
      db.all<{ content: string }>(
        "select content from messages where sender_id = ? and (content like '%javascript%' or content like '%<script>%')",
        first.id,
      ),
    );
    // A mention resolved by id is stored with the member's real name: the markup is gone.
    expect(stored).toEqual([]);

    const page = await client.page(`/rooms/${roomId}`);
    expect(page.status).toBe(200);
    expect(page.html).not.toMatch(/<script>alert|<img src=x|href="javascript:/i);

    // The outsider cannot learn the room's members through suggestions.
    const stranger = await world.signIn(outsider);
    const refused = await stranger.json("GET", `/api/mentions?roomId=${roomId}&q=`);
    expect(refused.status).toBe(404);
    const bad = await stranger.json("GET", `/api/mentions?roomId=${roomId}&q=${"x".repeat(200)}`);
    expect(bad.status).toBe(400);
  });
});
