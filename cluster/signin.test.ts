import { beforeAll, describe, expect, it } from "vitest";
import { callFormAction, formState } from "../test-kit/actions";
import type { Person } from "../test-kit/database";
import { LIMITS } from "./global-setup";
import { clientOf, cluster, printLogsOnFailure, seedPeople } from "./support/cluster";

const WRONG = "definitely not the password";
const TOO_MANY = /Too many failed attempts/;

/**
 * Failed sign-ins spread over both servers (straight to each, alternating, so the spread is
 * exact) add up to one limit. Each client gives its own address as X-Forwarded-For, as
 * nginx would: the servers trust one proxy hop (TRUSTED_PROXY_HOPS=1).
 */
async function loginForm(baseUrl: string, address: string, email: string, password: string) {
  const client = clientOf(baseUrl, address);
  const response = await callFormAction(
    client,
    "loginAction",
    { email, password },
    { page: "/login" },
  );
  return {
    status: response.status,
    error: formState(response)?.error,
    signedIn: client.hasSession(),
  };
}

describe("sign-in limits across two servers", () => {
  printLogsOnFailure();
  let victim: Person;
  let wanderer: Person;
  beforeAll(async () => {
    [victim, wanderer] = (await seedPeople(["Limit Victim", "Limit Wanderer"])) as [Person, Person];
  });
  const server = (n: number) => cluster().serverUrls[n % 2] as string;

  it(`locks an email after ${LIMITS.perEmail} failures spread over both servers`, async () => {
    for (let i = 0; i < LIMITS.perEmail; i++) {
      const attempt = await loginForm(server(i), "10.77.0.1", victim.email, `${WRONG} ${i}`);
      expect(attempt).toEqual({ status: 200, error: "Wrong email or password.", signedIn: false });
    }
    // The right password now, on each server and from another address: locked on both.
    for (const n of [0, 1]) {
      const limited = await loginForm(server(n), `10.77.1.${n}`, victim.email, victim.password);
      expect(limited, `server ${n + 1}`).toMatchObject({
        error: expect.stringMatching(TOO_MANY),
        signedIn: false,
      });
    }
  });

  it(`locks an address after ${LIMITS.perAddress} failures spread over both servers`, async () => {
    for (let i = 0; i < LIMITS.perAddress; i++) {
      const attempt = await loginForm(server(i), "10.77.0.2", `nobody${i}@cluster.test`, WRONG);
      expect(attempt.error).toBe("Wrong email or password.");
    }
    for (const n of [0, 1]) {
      const limited = await loginForm(server(n), "10.77.0.2", wanderer.email, wanderer.password);
      expect(limited, `server ${n + 1}`).toMatchObject({
        error: expect.stringMatching(TOO_MANY),
        signedIn: false,
      });
    }
    // The same person from elsewhere is let in.
    const elsewhere = await loginForm(server(0), "10.77.0.3", wanderer.email, wanderer.password);
    expect(elsewhere.signedIn).toBe(true);
  });
});
