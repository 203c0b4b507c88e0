import { describe, expect, it } from "vitest";
import { callFormAction, formState } from "../test-kit/actions";
import { createPeople, type Person } from "../test-kit/database";
import { Client } from "../test-kit/http";
import { useWorld } from "../test-kit/world";

const PER_PAIR = 5;
const PER_ADDRESS = 6;
const PER_EMAIL = 12;
const SLOWDOWN_MS = 1_000;
const WRONG = "definitely not the password";
const TOO_MANY = /Too many failed attempts/;

/** The login form's server action, from a given client address. */
async function loginForm(
  client: Client,
  email: string,
  password: string,
  headers?: Record<string, string>,
) {
  const response = await callFormAction(
    client,
    "loginAction",
    { email, password },
    { page: "/login", headers },
  );
  return {
    status: response.status,
    error: formState(response)?.error,
    signedIn: client.hasSession(),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

describe("sign-in abuse, behind one trusted proxy", () => {
  const world = useWorld<Person[]>({
    label: "signin",
    names: ["Victim", "Bystander", "Wanderer", "Popular", "Sprayed"],
    // Real (production-cost) hashes: the timing comparison is about scrypt's work.
    seed: () => createPeople(["Known One", "Known Two"], { fullCost: true }),
    env: {
      // The harness's clients say who they are in X-Forwarded-For, as our proxy would.
      TRUSTED_PROXY_HOPS: "1",
      SIGNIN_LIMIT_PER_EMAIL_AND_ADDRESS: String(PER_PAIR),
      SIGNIN_LIMIT_PER_ADDRESS: String(PER_ADDRESS),
      SIGNIN_LIMIT_PER_EMAIL: String(PER_EMAIL),
      SIGNIN_SLOWDOWN_MS: String(SLOWDOWN_MS),
      SIGNIN_SLOWDOWN_MAX_MS: String(SLOWDOWN_MS),
    },
  });
  const client = (address: string) => new Client(world.server.baseUrl, address);

  it(`blocks an address for an email after ${PER_PAIR} wrong passwords, but never the owner elsewhere`, async () => {
    const [victim, bystander] = world.people;
    if (!victim || !bystander) throw new Error("two people");
    const attacker = client("10.0.0.1");
    for (let i = 0; i < PER_PAIR; i++) {
      const attempt = await loginForm(attacker, victim.email, `${WRONG} ${i}`);
      expect(attempt).toEqual({ status: 200, error: "Wrong email or password.", signedIn: false });
    }
    const limited = await loginForm(attacker, victim.email, victim.password);
    expect(limited.status).toBe(200);
    expect(limited.error).toMatch(TOO_MANY);
    expect(limited.signedIn).toBe(false);

    // The owner, from their own address (Auth.js's own endpoint): slowed down, not locked out.
    const owner = await client("10.0.0.99").signIn(victim.email, victim.password);
    expect(owner.location).not.toMatch(/error=/);
    expect(owner.ok).toBe(true);
    expect(owner.elapsedMs).toBeGreaterThanOrEqual(SLOWDOWN_MS);

    // Other people are not locked out by it, even from the attacker's address.
    expect((await client("10.0.0.1").signIn(bystander.email, bystander.password)).ok).toBe(true);
  });

  it(`blocks an email at a ceiling of ${PER_EMAIL} failures from many addresses`, async () => {
    const popular = world.people[3];
    if (!popular) throw new Error("a fourth person");
    for (let i = 0; i < PER_EMAIL; i++) {
      const attempt = await client(`10.0.4.${i}`).signIn(popular.email, WRONG);
      expect(attempt.location).not.toMatch(/rate_limited/);
    }
    const limited = await client("10.0.5.1").signIn(popular.email, popular.password);
    expect(limited.ok).toBe(false);
    expect(limited.location).toMatch(/error=CredentialsSignin&code=rate_limited/);
  });

  it("counts the address our proxy saw, not entries the client wrote before it", async () => {
    const sprayed = world.people[4];
    if (!sprayed) throw new Error("a fifth person");
    const sprayer = client("10.0.0.7");
    for (let i = 0; i < PER_ADDRESS; i++) {
      const spoofed = { "x-forwarded-for": `172.16.${i}.${i}, 10.0.0.7` };
      const attempt = await loginForm(sprayer, `spray${i}@reliability.test`, WRONG, spoofed);
      expect(attempt.error).toBe("Wrong email or password.");
    }
    const limited = await loginForm(sprayer, sprayed.email, sprayed.password, {
      "x-forwarded-for": "172.16.200.200, 10.0.0.7",
    });
    expect(limited.error).toMatch(TOO_MANY);
    expect(limited.signedIn).toBe(false);
  });

  it(`locks an address after ${PER_ADDRESS} failures across many emails`, async () => {
    const wanderer = world.people[2];
    if (!wanderer) throw new Error("a third person");
    const sprayer = client("10.0.0.2");
    for (let i = 0; i < PER_ADDRESS; i++) {
      const attempt = await loginForm(sprayer, `nobody${i}@reliability.test`, WRONG);
      expect(attempt.error).toBe("Wrong email or password.");
    }
    const limited = await loginForm(sprayer, wanderer.email, wanderer.password);
    expect(limited.error).toMatch(TOO_MANY);
    expect(limited.signedIn).toBe(false);
    expect((await client("10.0.0.3").signIn(wanderer.email, wanderer.password)).ok).toBe(true);
  });

  it("refuses unknown and known emails alike, in about the same time (printed, not asserted)", async () => {
    const known = world.seeded;
    const rounds = 6;
    const timings = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < rounds; i++) {
      for (const kind of ["known", "unknown"] as const) {
        const email =
          kind === "known"
            ? (known[i % known.length]?.email ?? "")
            : `stranger${i}@reliability.test`;
        // A fresh address each time: the per-address limit must not interfere.
        const probe = client(`10.1.${kind === "known" ? 1 : 2}.${i}`);
        const result = await probe.signIn(email, WRONG);
        timings[kind].push(result.elapsedMs);
        expect(result.ok).toBe(false);
        expect(result.location).toMatch(/error=CredentialsSignin/);
        expect(result.location).not.toMatch(/rate_limited/);
      }
    }
    const knownMs = median(timings.known);
    const unknownMs = median(timings.unknown);
    console.log(
      JSON.stringify({
        check: "sign-in refusal time",
        rounds,
        known_median_ms: Math.round(knownMs),
        unknown_median_ms: Math.round(unknownMs),
        ratio: Number((unknownMs / knownMs).toFixed(2)),
      }),
    );
    expect(timings.known).toHaveLength(rounds);
    expect(timings.unknown).toHaveLength(rounds);
  });
});

/** A redirect to this server: Next's NextURL spells a loopback host "localhost". */
function expectOwnOrigin(location: string, server: { baseUrl: string; port: number }) {
  expect(location).not.toContain("evil.example");
  const url = new URL(location, server.baseUrl);
  expect(["127.0.0.1", "localhost"], location).toContain(url.hostname);
  expect(url.port, location).toBe(String(server.port));
}

describe("sign-in abuse, clients connecting directly (no trusted proxy)", () => {
  const world = useWorld({
    label: "signin-direct",
    names: ["Target"],
    env: { SIGNIN_LIMIT_PER_ADDRESS: String(PER_ADDRESS) },
  });

  it("redirects after signing in to the app's own origin, whatever X-Forwarded-Host says", async () => {
    const target = world.people[0];
    if (!target) throw new Error("a person");
    const forged = { "x-forwarded-host": "evil.example" };
    // Auth.js's endpoint. (The login form's action never gets here: Next itself refuses an
    // action whose Origin differs from X-Forwarded-Host, and the proxy one whose Origin is
    // not the app's.)
    const direct = new Client(world.server.baseUrl);
    const csrf = await direct.fetch("/api/auth/csrf", { headers: forged });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await direct.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...forged },
      body: new URLSearchParams({
        email: target.email,
        password: target.password,
        csrfToken,
        callbackUrl: "/messages",
      }),
    });
    await response.arrayBuffer();
    expectOwnOrigin(response.headers.get("location") ?? "", world.server);

    // The login form's action, posted without Origin (as older browsers do): Auth.js builds
    // the address it redirects to from X-Forwarded-Host unless it is told the origin.
    const form = new Client(world.server.baseUrl);
    const signedIn = await callFormAction(
      form,
      "loginAction",
      { email: target.email, password: target.password },
      { page: "/login", headers: { ...forged, origin: "" } },
    );
    expect(form.hasSession()).toBe(true);
    expect(signedIn.actionRedirect).toBeTruthy();
    expectOwnOrigin((signedIn.actionRedirect ?? "").replace(/;\w+$/, ""), world.server);
  });

  it("counts the socket's address, whatever X-Forwarded-For says", async () => {
    const target = world.people[0];
    if (!target) throw new Error("a person");
    const sprayer = new Client(world.server.baseUrl);
    for (let i = 0; i < PER_ADDRESS; i++) {
      const spoofed = { "x-forwarded-for": `203.0.113.${i}`, "x-real-ip": `203.0.113.${i}` };
      const attempt = await loginForm(sprayer, `direct${i}@reliability.test`, WRONG, spoofed);
      expect(attempt.error).toBe("Wrong email or password.");
    }
    const limited = await loginForm(sprayer, target.email, target.password, {
      "x-forwarded-for": "203.0.113.250",
    });
    expect(limited.error).toMatch(TOO_MANY);
    expect(limited.signedIn).toBe(false);
  });
});
