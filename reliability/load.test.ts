import { describe, expect, it } from "vitest";
import { startCompetingWriter } from "../test-kit/competing-writer";
import { inspect, integrityReport } from "../test-kit/database";
import { runLoad, statusCounts } from "../test-kit/load";
import { useWorld } from "../test-kit/world";

const CLIENTS = 20;
const TOTAL = 5_000;
const names = Array.from({ length: CLIENTS }, (_, i) => `Loader ${i + 1}`);

describe("load: 20 concurrent clients send 5,000 messages over HTTP", () => {
  const world = useWorld({ label: "load", names });

  it("stores every message once with exactly one notification, and never answers 5xx or SQLITE_BUSY", async () => {
    const clients = await Promise.all(world.people.map((person) => world.signIn(person)));
    const writer = startCompetingWriter(world.databaseUrl);
    const { attempts, elapsedMs } = await runLoad({
      clients,
      people: world.people,
      total: TOTAL,
      label: "load",
    }).finally(() => writer.stop().then((counts) => console.log("competing writer:", counts)));
    const statuses = statusCounts(attempts);
    console.log(
      `load: ${attempts.length} sends in ${elapsedMs} ms (${Math.round((attempts.length / elapsedMs) * 1000)}/s), statuses`,
      statuses,
    );

    expect(attempts).toHaveLength(TOTAL);
    expect(statuses).toEqual({ 201: TOTAL });
    for (const attempt of attempts)
      expect(attempt.body).not.toMatch(/SQLITE_BUSY|database is locked/i);
    expect(world.server.log()).not.toMatch(/SQLITE_BUSY|database is locked/i);

    const stored = await inspect(world.databaseUrl, async (db) => ({
      messages: await db.all<{ id: number; content: string; parentId: number | null }>(
        `select id, content, parent_message_id as "parentId" from messages where content like 'load %'`,
      ),
      notifications: await db.value("select count(*) as n from notifications"),
      replyNotifications: await db.value(
        "select count(*) as n from notifications where kind = 'reply'",
      ),
    }));
    expect(stored.messages).toHaveLength(TOTAL);
    expect(new Set(stored.messages.map((message) => message.content)).size).toBe(TOTAL);
    const byId = new Map(stored.messages.map((message) => [message.id, message]));
    for (const attempt of attempts) {
      expect(byId.get(attempt.id ?? -1)).toMatchObject({
        content: attempt.content,
        parentId: attempt.parentMessageId ?? null,
      });
    }
    expect(stored.notifications).toBe(TOTAL);
    expect(stored.replyNotifications).toBe(attempts.filter((a) => a.parentMessageId).length);

    const report = await integrityReport(world.databaseUrl);
    expect(report).toEqual({
      integrity: ["ok"],
      foreignKeyViolations: [],
      messagesWithoutNotification: 0,
      messagesWithSeveralNotifications: 0,
    });
  });
});
