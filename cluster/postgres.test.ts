import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Person } from "../test-kit/database";
import type { Client } from "../test-kit/http";
import {
  cluster,
  control,
  printLogsOnFailure,
  sameSessionOn,
  seedPeople,
  send,
  signIn,
  sleep,
} from "./support/cluster";

/**
 * PostgreSQL restarting under the servers: while it is down every request gets a clear 503
 * with a retry hint (never a 500, never a hang), and once it is back the same servers,
 * not restarted, answer as before.
 */
describe("PostgreSQL restarting", () => {
  printLogsOnFailure();
  let ada: Person;
  let bo: Person;
  let onA: Client;
  let onB: Client;

  beforeAll(async () => {
    [ada, bo] = (await seedPeople(["Pg Ada", "Pg Bo"])) as [Person, Person];
    const [a, b] = cluster().serverUrls as [string, string];
    onA = await signIn(a, ada);
    onB = sameSessionOn(onA, b);
  });
  afterAll(async () => {
    await control("postgres/start");
  });

  it("answers 503 while it is down and recovers by itself when it is back", async () => {
    const before = await send(onA, { receiverId: bo.id, content: "pg: before" });
    expect(before.status).toBe(201);

    await control("postgres/stop");
    for (const client of [onA, onB]) {
      const read = await client.fetch(`/api/conversations/${bo.id}`);
      expect(read.status).toBe(503);
      expect(read.headers.get("retry-after")).toBeTruthy();
      const write = await client.json("POST", "/api/messages", {
        receiverId: bo.id,
        content: "pg: while down",
      });
      expect(write.status).toBe(503);
      const stream = await client.fetch("/api/events");
      await stream.body?.cancel();
      expect(stream.status).toBe(503);
    }

    await control("postgres/start");
    // Back: both servers serve again without a restart (a pooled connection that died with
    // the old server may cost one more 503 before the pool replaces it).
    for (const client of [onA, onB]) {
      const deadline = Date.now() + 30_000;
      let status = 0;
      while (status !== 200 && Date.now() < deadline) {
        status = (await client.fetch(`/api/conversations/${bo.id}`)).status;
        expect([200, 503]).toContain(status);
        if (status !== 200) await sleep(200);
      }
      expect(status).toBe(200);
    }
    const after = await send(onB, { receiverId: bo.id, content: "pg: after" });
    expect(after.status).toBe(201);
    const page = await onA.json("GET", `/api/conversations/${bo.id}`);
    const contents = (page.body as { messages: { content: string }[] }).messages.map(
      (m) => m.content,
    );
    expect(contents).toEqual(expect.arrayContaining(["pg: before", "pg: after"]));
    expect(contents).not.toContain("pg: while down");
  });
});
