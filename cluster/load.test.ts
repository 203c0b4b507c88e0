import { describe, expect, it } from "vitest";
import { inspect, integrityReport } from "../test-kit/database";
import { runLoad, statusCounts } from "../test-kit/load";
import { cluster, printLogsOnFailure, seedPeople, signIn } from "./support/cluster";

const CLIENTS = 20;
const TOTAL = Number(process.env.CLUSTER_LOAD_TOTAL ?? 5_000);
const LABEL = "cload";

describe(`load through nginx: ${CLIENTS} clients send ${TOTAL} messages to two servers`, () => {
  printLogsOnFailure();

  it("stores every message once with exactly one notification, and never answers 5xx", async () => {
    const people = await seedPeople(
      Array.from({ length: CLIENTS }, (_, i) => `Cluster Loader ${i + 1}`),
    );
    const clients = await Promise.all(people.map((person) => signIn(cluster().url, person)));
    const { attempts, elapsedMs } = await runLoad({
      clients,
      people,
      total: TOTAL,
      label: LABEL,
      timeLimitMs: 480_000,
    });
    const statuses = statusCounts(attempts);
    console.log(
      JSON.stringify({
        check: "cluster load",
        sends: attempts.length,
        ms: elapsedMs,
        per_second: Math.round((attempts.length / elapsedMs) * 1000),
        statuses,
      }),
    );
    expect(attempts).toHaveLength(TOTAL);
    expect(statuses).toEqual({ 201: TOTAL });

    const stored = await inspect(cluster().databaseUrl, async (db) => ({
      messages: await db.all<{ id: number; content: string; parentId: number | null }>(
        `select id, content, parent_message_id as "parentId" from messages where content like '${LABEL} %'`,
      ),
      notifications: await db.value(
        `select count(*) as n from notifications n join messages m on m.id = n.message_id
         where m.content like '${LABEL} %'`,
      ),
      replyNotifications: await db.value(
        `select count(*) as n from notifications n join messages m on m.id = n.message_id
         where m.content like '${LABEL} %' and n.kind = 'reply'`,
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
    expect(await integrityReport(cluster().databaseUrl)).toEqual({
      integrity: ["ok"],
      foreignKeyViolations: [],
      messagesWithoutNotification: 0,
      messagesWithSeveralNotifications: 0,
    });
  });
});
