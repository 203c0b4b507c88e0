import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Person } from "../test-kit/database";
import type { Client } from "../test-kit/http";
import {
  cluster,
  control,
  openStream,
  printLogsOnFailure,
  sameSessionOn,
  seedPeople,
  send,
  signIn,
  sleep,
} from "./support/cluster";

/**
 * 5xx answers allowed while Redis is down. The documented degradation (uncached reads from
 * the database, polling instead of live events, per-process sign-in limits) answers every
 * request: none.
 */
const ALLOWED_5XX = 0;

interface Conversation {
  messages: { id: number; content: string }[];
}

describe("Redis stopped and restarted mid-run", () => {
  printLogsOnFailure();
  let ada: Person;
  let bo: Person;
  /** The background traffic's colleague: its sends must not push Bo's page along. */
  let cy: Person;
  let onA: Client;
  let onB: Client;
  let viaNginx: Client;
  let boOnA: Client;
  let boOnB: Client;

  beforeAll(async () => {
    [ada, bo, cy] = (await seedPeople(["Redis Ada", "Redis Bo", "Redis Cy"])) as [
      Person,
      Person,
      Person,
    ];
    const [a, b] = cluster().serverUrls as [string, string];
    onA = await signIn(a, ada);
    onB = sameSessionOn(onA, b);
    viaNginx = sameSessionOn(onA, cluster().url);
    boOnA = await signIn(a, bo);
    boOnB = sameSessionOn(boOnA, b);
  });
  afterAll(async () => {
    await control("redis/start");
  });

  /** Waits until the server behind `client` answers /api/events with `status`. */
  const liveStatusBecomes = async (client: Client, status: number, withinMs = 30_000) => {
    const deadline = Date.now() + withinMs;
    for (;;) {
      const response = await client.fetch("/api/events");
      await response.body?.cancel();
      if (response.status === status) return;
      if (Date.now() > deadline) throw new Error(`/api/events never answered ${status}`);
      await sleep(100);
    }
  };

  const idsOn = async (client: Client) => {
    const response = await client.json("GET", `/api/conversations/${bo.id}`);
    expect(response.status).toBe(200);
    return (response.body as Conversation).messages.map((m) => m.id);
  };

  it("degrades without 5xx, and no server serves a stale conversation once Redis is back", async () => {
    // Background traffic through nginx for the whole run: sends and reads, 4 loops, in
    // Ada's conversation with Cy.
    const statuses: Record<string, number> = {};
    let running = true;
    const loops = Array.from({ length: 4 }, async (_, loop) => {
      for (let n = 0; running; n++) {
        const response =
          n % 2 === 0
            ? await viaNginx
                .json("POST", "/api/messages", {
                  receiverId: cy.id,
                  content: `credis loop ${loop} #${n}`,
                })
                .catch(() => ({ status: "network" }))
            : await viaNginx
                .json("GET", `/api/conversations/${cy.id}`)
                .catch(() => ({ status: "network" }));
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        await sleep(50);
      }
    });
    try {
      // Both servers have the conversation cached.
      const first = await send(onA, { receiverId: bo.id, content: "credis: before" });
      expect(await idsOn(onA)).toContain(first.id);
      expect(await idsOn(onB)).toContain(first.id);

      await control("redis/stop");
      // Both servers have noticed: they refuse live streams (the client's cue to poll).
      await liveStatusBecomes(onA, 503);
      await liveStatusBecomes(onB, 503);
      // Redis down: a write on A is still read on B at once (uncached, from the database).
      const during = await send(onA, { receiverId: bo.id, content: "credis: while down" });
      expect(during.status).toBe(201);
      expect(await idsOn(onB)).toContain(during.id);
      expect(await idsOn(onA)).toContain(during.id);
      // Signing in still works (the limiter counts per process meanwhile).
      const again = await signIn(cluster().url, ada);
      expect(again.hasSession()).toBe(true);

      await control("redis/start");
      // Both servers have reconnected: they open live streams again.
      await liveStatusBecomes(onA, 200);
      await liveStatusBecomes(onB, 200);
      // Back: both servers show what was written meanwhile, and stay fresh.
      expect(await idsOn(onA)).toContain(during.id);
      expect(await idsOn(onB)).toContain(during.id);
      const after = await send(onB, { receiverId: bo.id, content: "credis: after" });
      expect(await idsOn(onA)).toContain(after.id);
      const last = await send(onA, { receiverId: bo.id, content: "credis: last" });
      expect(await idsOn(onB)).toContain(last.id);
    } finally {
      running = false;
      await Promise.all(loops);
    }
    console.log(JSON.stringify({ check: "cluster redis outage", statuses }));
    const errors = Object.entries(statuses)
      .filter(([status]) => status === "network" || Number(status) >= 500)
      .reduce((sum, [, n]) => sum + n, 0);
    expect(errors).toBeLessThanOrEqual(ALLOWED_5XX);
  });

  it("pauses live updates while Redis is down (streams closed, 503: the client polls) and resumes them when it is back", async () => {
    const before = await openStream(boOnB);
    let paused: number | undefined;
    try {
      await control("redis/stop");
      // The open stream ends, so the browser reconnects and, refused, polls.
      const deadline = Date.now() + 10_000;
      while (!before.closed && Date.now() < deadline) await sleep(100);
      expect(before.closed, "the open stream was closed").toBe(true);
      paused = (await boOnB.fetch("/api/events")).status;
      expect(paused).toBe(503);
    } finally {
      await before.close();
      await control("redis/start");
    }
    // Back: a stream opens again (after a moment) and hears the other server's writes.
    let resumed: Awaited<ReturnType<typeof openStream>> | undefined;
    const deadline = Date.now() + 15_000;
    while (!resumed && Date.now() < deadline) {
      resumed = await openStream(boOnB).catch(() => undefined);
      if (!resumed) await sleep(250);
    }
    expect(resumed, "a stream opens once Redis is back").toBeDefined();
    try {
      const sent = await send(onA, { receiverId: bo.id, content: "credis: live again" });
      const event = await resumed?.waitFor(
        (e) => (e.data.messageIds as number[] | undefined)?.includes(sent.id ?? -1) ?? false,
        5_000,
      );
      expect(event, "B's stream hears A's write").toBeDefined();
    } finally {
      await resumed?.close();
    }
  });
});
