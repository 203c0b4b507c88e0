import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callFormAction, formState } from "../test-kit/actions";
import type { Person } from "../test-kit/database";
import type { Client } from "../test-kit/http";
import { LIMITS } from "./global-setup";
import {
  clientOf,
  cluster,
  control,
  openStream,
  printLogsOnFailure,
  sameSessionOn,
  seedPeople,
  send,
  signIn,
} from "./support/cluster";

/**
 * A server that has just (re)started, after a crash say, shares state from its very first
 * request: its first write is heard on the other server, its first failed sign-in counts
 * toward the shared limit. (A Redis connection opened lazily on first use, with the request
 * that opened it served in degraded per-process mode, fails these.)
 */
describe("a freshly restarted server shares state from its first request", () => {
  printLogsOnFailure();
  let ada: Person;
  let bo: Person;
  let victim: Person;
  let adaOnA: Client;
  let boOnA: Client;
  beforeAll(async () => {
    [ada, bo, victim] = (await seedPeople(["Restart Ada", "Restart Bo", "Restart Victim"])) as [
      Person,
      Person,
      Person,
    ];
    const [a] = cluster().serverUrls as [string];
    adaOnA = await signIn(a, ada);
    boOnA = await signIn(a, bo);
  });
  afterAll(async () => {
    // Whatever happened, both servers run for the next file.
    await control("restart/1");
  });

  it("its first write reaches a stream on the other server", async () => {
    await control("restart/1");
    const stream = await openStream(boOnA);
    try {
      const adaOnB = sameSessionOn(adaOnA, cluster().serverUrls[1] as string);
      const sent = await send(adaOnB, { receiverId: bo.id, content: "restart: first write" });
      expect(sent.status).toBe(201);
      const event = await stream.waitFor(
        (e) => (e.data.messageIds as number[] | undefined)?.includes(sent.id ?? -1) ?? false,
        5_000,
      );
      expect(event, "the restarted server's first write announced on the other").toBeDefined();
    } finally {
      await stream.close();
    }
  });

  it("its first failed sign-ins count toward the shared limit", async () => {
    await control("restart/1");
    const [a, b] = cluster().serverUrls as [string, string];
    const attempt = async (baseUrl: string, password: string) => {
      const client = clientOf(baseUrl, "10.78.0.1");
      const response = await callFormAction(
        client,
        "loginAction",
        { email: victim.email, password },
        { page: "/login" },
      );
      return { error: formState(response)?.error, signedIn: client.hasSession() };
    };
    // The restarted server first, then alternating.
    for (let i = 0; i < LIMITS.perEmail; i++) {
      expect(await attempt(i % 2 ? a : b, `wrong ${i}`)).toEqual({
        error: "Wrong email or password.",
        signedIn: false,
      });
    }
    expect(await attempt(a, victim.password)).toMatchObject({
      error: expect.stringMatching(/Too many failed attempts/),
      signedIn: false,
    });
  });
});
