import { afterAll, describe, expect, it } from "vitest";
import type { Client } from "../test-kit/http";
import {
  cluster,
  control,
  printLogsOnFailure,
  seedPeople,
  send,
  signIn,
  sleep,
} from "./support/cluster";
import { followStream } from "./support/following-stream";

const PEOPLE = 40;
/** The product's promise for a restart: every tab is back within this (figures printed). */
const BACK_WITHIN_MS = 30_000;

/** Sends through nginx, retried with its idempotency key while the gateway has no server. */
async function sendSurely(client: Client, receiverId: number, content: string): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const idempotencyKey = content.replaceAll(" ", "-");
    const sent = await send(client, { receiverId, content, idempotencyKey }).catch(() => undefined);
    if (sent?.id !== undefined) return sent.id;
    if (sent && sent.status < 500) throw new Error(`send refused: ${sent.status} ${sent.text}`);
    await sleep(200);
  }
  throw new Error(`send never acknowledged: ${content}`);
}

describe(`a server killed under ${PEOPLE} open streams: every tab comes back and misses nothing`, () => {
  printLogsOnFailure();
  afterAll(async () => {
    await control("restart/1");
  });

  it("reconnects each stream through nginx with its Last-Event-ID, without a 5xx", async () => {
    const [sender, ...people] = await seedPeople([
      "Reconnect Sender",
      ...Array.from({ length: PEOPLE }, (_, i) => `Reconnect Reader ${i + 1}`),
    ]);
    if (!sender) throw new Error("no sender");
    const { url } = cluster();
    const senderClient = await signIn(url, sender);
    const readers = await Promise.all(people.map((person) => signIn(url, person)));
    const streams = readers.map((reader) => followStream(reader));
    try {
      // Every stream is open and has an event id to resume from.
      const first = await Promise.all(
        people.map((person, i) => sendSurely(senderClient, person.id, `reconnect before ${i}`)),
      );
      await waitUntil(() => streams.every((s, i) => s.createdIds().includes(first[i] ?? -1)));

      await control("kill/1");
      const killedAt = performance.now();
      // Written while the killed server's tabs are away: each must reach its tab.
      const during: number[] = [];
      for (const [i, person] of people.entries()) {
        during.push(await sendSurely(senderClient, person.id, `reconnect during ${i}`));
      }
      await waitUntil(() => streams.every((s, i) => s.createdIds().includes(during[i] ?? -1)));

      const moved = streams.flatMap((s) => s.reconnections);
      const backAfter = moved.map((r) => Math.round((r.backAt ?? Number.NaN) - killedAt));
      console.log(
        JSON.stringify({
          check: "streams back after a server was killed",
          streams: PEOPLE,
          reconnected: moved.length,
          slowest_ms: Math.max(...backAfter),
          answers_before_back: moved.flatMap((r) => r.answers),
        }),
      );
      // About half the streams were on the killed server; each came back, on the survivor.
      expect(moved.length).toBeGreaterThan(0);
      for (const after of backAfter) expect(after).toBeLessThan(BACK_WITHIN_MS);
      expect(moved.flatMap((r) => r.answers).filter((a) => a !== "network" && a >= 500)).toEqual(
        [],
      );
      for (const [i, stream] of streams.entries()) {
        const created = stream.createdIds();
        expect(stream.events.filter((e) => e.event === "resync")).toEqual([]);
        expect(created.filter((id) => id === during[i])).toHaveLength(1);
        expect(new Set(created).size).toBe(created.length);
      }
    } finally {
      await Promise.all(streams.map((s) => s.stop()));
    }
  });
});

/** Polls `done` until it holds; a hang guard of two minutes, not a speed check. */
async function waitUntil(done: () => boolean) {
  const deadline = performance.now() + 120_000;
  while (!done()) {
    if (performance.now() > deadline) throw new Error("timed out waiting");
    await sleep(100);
  }
}
