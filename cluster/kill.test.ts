import { afterAll, describe, expect, it } from "vitest";
import { inspect, integrityReport } from "../test-kit/database";
import type { Client } from "../test-kit/http";
import { cluster, control, printLogsOnFailure, seedPeople, signIn, sleep } from "./support/cluster";

const CLIENTS = 20;
/** Smaller than the plain load run (5,000): the kill happens a third of the way in. */
const TOTAL = Number(process.env.CLUSTER_KILL_TOTAL ?? 2_000);
const LABEL = "ckill";
const MAX_TRIES = 40;
/**
 * What a client may see while nginx notices the dead server: the gateway's own errors, or
 * (a response cut off mid-way when the server died while answering) no answer at all.
 */
const GATEWAY = new Set([502, 503, 504]);
const transient = (answer: number | "network") => answer === "network" || GATEWAY.has(answer);

interface Send {
  key: string;
  content: string;
  /** Every answer, in order: a status or "network". */
  answers: (number | "network")[];
  /** The stored message's id, once acknowledged (200 or 201). */
  id?: number;
}

/**
 * One client's sends, each retried through nginx with the same idempotency key until it
 * is acknowledged: what the browser does when a send fails for lack of an answer.
 */
async function sendAll(client: Client, index: number, count: number, to: number, out: Send[]) {
  for (let n = 0; n < count; n++) {
    const send: Send = {
      key: `${LABEL}-${index}-${n}`,
      content: `${LABEL} c${index} #${n}`,
      answers: [],
    };
    out.push(send);
    for (let attempt = 0; attempt < MAX_TRIES && send.id === undefined; attempt++) {
      try {
        const response = await client.json("POST", "/api/messages", {
          receiverId: to,
          content: send.content,
          idempotencyKey: send.key,
        });
        send.answers.push(response.status);
        if (response.status === 200 || response.status === 201) {
          send.id = (response.body as { id: number }).id;
        } else if (!GATEWAY.has(response.status)) {
          return; // a real refusal: no retry, the test reports it
        }
      } catch {
        send.answers.push("network");
      }
      if (send.id === undefined) await sleep(100 + attempt * 50);
    }
  }
}

describe(`SIGKILL one of two servers in the middle of ${TOTAL} sends through nginx`, () => {
  printLogsOnFailure();
  afterAll(async () => {
    // The next test files expect both servers.
    await control("restart/1");
  });

  it("every acknowledged send is stored exactly once, nothing is duplicated, the survivor serves on", async () => {
    const people = await seedPeople(
      Array.from({ length: CLIENTS }, (_, i) => `Cluster Survivor ${i + 1}`),
    );
    const clients = await Promise.all(people.map((person) => signIn(cluster().url, person)));
    const sends: Send[] = [];
    const started = Date.now();
    let killedAt = 0;
    let done = false;
    const killer = (async () => {
      while (!done && sends.filter((s) => s.id !== undefined).length < TOTAL / 3) await sleep(50);
      if (done) return;
      killedAt = Date.now() - started;
      await control("kill/1");
    })();
    await Promise.all(
      clients.map((client, i) => {
        const share = Math.floor(TOTAL / CLIENTS) + (i < TOTAL % CLIENTS ? 1 : 0);
        const to = people[(i + 1) % CLIENTS]?.id ?? 0;
        return sendAll(client, i, share, to, sends);
      }),
    ).finally(() => {
      done = true;
    });
    await killer;
    expect(killedAt, "server 2 was killed mid-load").toBeGreaterThan(0);

    const answers = sends.flatMap((s) => s.answers);
    const count = (status: number | "network") => answers.filter((a) => a === status).length;
    const acknowledged = sends.filter((s) => s.id !== undefined);
    console.log(
      JSON.stringify({
        check: "cluster kill",
        sends: sends.length,
        acknowledged: acknowledged.length,
        killed_at_ms: killedAt,
        ms: Date.now() - started,
        answers: Object.fromEntries([...new Set(answers)].map((a) => [a, count(a)])),
        retried: sends.filter((s) => s.answers.length > 1).length,
      }),
    );

    // The survivor took every send, in the end; nothing but gateway errors on the way.
    expect(sends).toHaveLength(TOTAL);
    expect(acknowledged).toHaveLength(TOTAL);
    expect(answers.filter((a) => a !== 200 && a !== 201 && !transient(a))).toEqual([]);

    const rows = await inspect(cluster().databaseUrl, (db) =>
      db.all<{ id: number; content: string }>(
        `select id, content from messages where content like '${LABEL} %'`,
      ),
    );
    const byContent = new Map<string, number[]>();
    for (const row of rows)
      byContent.set(row.content, [...(byContent.get(row.content) ?? []), row.id]);
    const duplicated = [...byContent].filter(([, ids]) => ids.length > 1);
    expect(duplicated, "messages stored more than once").toEqual([]);
    for (const send of acknowledged) expect(byContent.get(send.content)).toEqual([send.id]);
    expect(rows).toHaveLength(TOTAL);

    const notifications = await inspect(cluster().databaseUrl, (db) =>
      db.value(
        `select count(*) as n from notifications n join messages m on m.id = n.message_id
         where m.content like '${LABEL} %'`,
      ),
    );
    expect(notifications).toBe(rows.length);
    expect(await integrityReport(cluster().databaseUrl)).toEqual({
      integrity: ["ok"],
      foreignKeyViolations: [],
      messagesWithoutNotification: 0,
      messagesWithSeveralNotifications: 0,
    });
  });
});
