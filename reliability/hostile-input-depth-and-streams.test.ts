import net from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { setRole } from "@/lib/admin/moderation";
import { maxStreamsPerUser } from "@/lib/live/stream-limit";
import { callFormAction } from "../test-kit/actions";
import { inspect, type Person } from "../test-kit/database";
import type { Client } from "../test-kit/http";
import { useWorld } from "../test-kit/world";
import { storeReplyChain } from "../tests/support/reply-chain";

/**
 * Hostile traffic that once broke accounts and streams: a reply chain thousands of levels
 * deep (account deletion failed on it), event-stream requests whose socket closes at once
 * (each left a slot taken), and event ids that counted everybody's traffic.
 */
const DEPTH = 5_000;

interface Seeded {
  adaChain: number[];
  cyChain: number[];
}

describe("hostile input: deep reply chains, abandoned streams, event ids", () => {
  const world = useWorld<Seeded>({
    label: "depth-streams",
    names: ["Ada", "Bo", "Cy", "Dee", "Eve"],
    seed: async ([ada, bo, cy, dee, eve]) => {
      if (!ada || !bo || !cy || !dee || !eve) throw new Error("five people");
      const answer = await setRole({ kind: "command-line" }, { userId: eve.id }, "admin");
      if (!answer.ok) throw new Error(answer.error);
      // Anyone may reply to their own reply without limit: a colleague can build this.
      return {
        adaChain: await storeReplyChain(bo.id, ada.id, DEPTH),
        cyChain: await storeReplyChain(dee.id, cy.id, DEPTH),
      };
    },
  });
  let people: Record<"ada" | "bo" | "cy" | "dee" | "eve", Person>;

  beforeAll(() => {
    const [ada, bo, cy, dee, eve] = world.people;
    if (!ada || !bo || !cy || !dee || !eve) throw new Error("five people");
    people = { ada, bo, cy, dee, eve };
  });

  const messagesOf = (id: number) =>
    inspect(world.databaseUrl, (db) =>
      db.value("select count(*) from messages where sender_id = ? or receiver_id = ?", id, id),
    );
  const userExists = (id: number) =>
    inspect(world.databaseUrl, (db) => db.value("select count(*) from users where id = ?", id));

  it("a user deletes their own account under a 5,000-deep reply chain", async () => {
    expect(await messagesOf(people.ada.id)).toBe(DEPTH);
    const ada = await world.signIn(people.ada);
    const answer = await callFormAction(
      ada,
      "deleteAccountAction",
      { password: people.ada.password },
      { page: "/settings/account" },
    );
    expect(answer.status, answer.text.slice(0, 300)).toBeLessThan(500);
    expect(answer.threw).toBe(false);
    expect(await userExists(people.ada.id)).toBe(0);
    expect(await messagesOf(people.ada.id)).toBe(0);
    expect(await userExists(people.bo.id)).toBe(1);
  });

  it("an admin deletes an account under a 5,000-deep reply chain", async () => {
    expect(await messagesOf(people.cy.id)).toBe(DEPTH);
    const eve = await world.signIn(people.eve);
    const answer = await callFormAction(
      eve,
      "deleteUserAction",
      { userId: String(people.cy.id) },
      { page: "/admin" },
    );
    expect(answer.status, answer.text.slice(0, 300)).toBeLessThan(500);
    expect(answer.threw).toBe(false);
    expect(answer.result).toMatchObject({ ok: true });
    expect(await userExists(people.cy.id)).toBe(0);
    expect(await messagesOf(people.cy.id)).toBe(0);
    expect(await messagesOf(people.dee.id)).toBe(0);
  });

  /** The admin overview's figure of open event streams on this server. */
  async function openStreamsShown(admin: Client): Promise<number> {
    const page = await admin.page("/admin");
    const match = /Open event streams \(this server\)<\/dt><dd[^>]*>(\d+)<\/dd>/.exec(page.html);
    if (!match) throw new Error(`no stream figure on /admin (${page.status})`);
    return Number(match[1]);
  }

  /** Waits (on the condition, not a clock) until the overview shows `expected` streams. */
  async function untilOpenStreams(admin: Client, expected: number): Promise<number> {
    let shown = await openStreamsShown(admin);
    // A hang guard, not a deadline: closes reach the server in their own time.
    for (let i = 0; shown !== expected && i < 300; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      shown = await openStreamsShown(admin);
    }
    return shown;
  }

  /** Sends the stream request on a raw socket and closes the socket as it goes out. */
  function abandonStream(client: Client, waitForBytes: boolean): Promise<void> {
    const url = new URL(world.server.baseUrl);
    return new Promise((resolve) => {
      const socket = net.connect(Number(url.port), url.hostname, () => {
        socket.write(
          `GET /api/events HTTP/1.1\r\nHost: ${url.host}\r\nCookie: ${client.cookieHeader()}\r\n` +
            "Accept: text/event-stream\r\n\r\n",
        );
        if (waitForBytes) socket.once("data", () => socket.destroy());
        else socket.destroy();
      });
      socket.once("close", () => resolve());
      socket.once("error", () => resolve());
    });
  }

  it("streams whose client left at once give their slots back; the count is of live ones", async () => {
    const bo = await world.signIn(people.bo);
    const eve = await world.signIn(people.eve);
    const limit = maxStreamsPerUser();
    expect(await untilOpenStreams(eve, 0)).toBe(0);
    for (let i = 0; i < limit * 3; i++) {
      // Closed as the request leaves, or as the first bytes of the stream arrive; and one
      // aborted through fetch, as a browser closing its context does.
      await abandonStream(bo, i % 3 === 1);
      if (i % 3 === 2) {
        const aborted = new AbortController();
        const pending = bo.fetch("/api/events", { signal: aborted.signal }).catch(() => null);
        aborted.abort();
        await pending;
      }
    }
    expect(await untilOpenStreams(eve, 0)).toBe(0);
    // Every slot is still Bo's to use: `limit` live streams open, the next is refused.
    const live = [];
    for (let i = 0; i < limit; i++) {
      const controller = new AbortController();
      const response = await bo.fetch("/api/events", { signal: controller.signal });
      expect(response.status).toBe(200);
      live.push({ controller, response });
    }
    expect(await untilOpenStreams(eve, limit)).toBe(limit);
    const refused = await bo.fetch("/api/events");
    expect(refused.status).toBe(429);
    await refused.text();
    for (const { controller } of live) controller.abort();
    expect(await untilOpenStreams(eve, 0)).toBe(0);
  });

  /** The ids of the next `count` events on a stream. */
  async function readIds(response: Response, count: number): Promise<string[]> {
    const reader = response.body?.getReader();
    if (!reader) throw new Error("no stream body");
    const decoder = new TextDecoder();
    const ids: string[] = [];
    let text = "";
    while (ids.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      const frames = text.split("\n\n");
      text = frames.pop() ?? "";
      for (const frame of frames) {
        const id = /^id: (.+)$/m.exec(frame)?.[1];
        if (id) ids.push(id);
      }
    }
    await reader.cancel();
    return ids;
  }

  it("event ids count the user's own events only, and Last-Event-ID resumes", async () => {
    const bo = await world.signIn(people.bo);
    const dee = await world.signIn(people.dee);
    const eve = await world.signIn(people.eve);
    const say = (client: Client, to: Person, content: string) =>
      client.json("POST", "/api/messages", { receiverId: to.id, content });
    const stream = await bo.fetch("/api/events");
    expect(stream.status).toBe(200);
    const reading = readIds(stream, 2);
    expect((await say(eve, people.bo, "one")).status).toBe(201);
    // Three messages between two other people: seven events for them.
    for (const content of ["a", "b", "c"]) {
      expect((await say(dee, people.eve, content)).status).toBe(201);
    }
    expect((await say(eve, people.bo, "two")).status).toBe(201);
    const [first, second] = await reading;
    // The user's own part of the stream's cursor (lib/live/cursor.ts): `<id>~<room log>`.
    const numberOf = (id = "") => Number(id.split("~")[0]?.split("-").at(-1));
    expect(numberOf(second)).toBe(numberOf(first) + 1);

    // Away after the first: the second is replayed from its Last-Event-ID.
    const resumed = await bo.fetch("/api/events", { headers: { "last-event-id": first ?? "" } });
    expect(resumed.status).toBe(200);
    expect(await readIds(resumed, 1)).toEqual([second]);
  });
});
