import { beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, pageAs } from "../test-kit/browser";
import type { Client } from "../test-kit/http";
import { type Scenario, seedScenario } from "../test-kit/scenario";
import { useWorld } from "../test-kit/world";

const STREAMS_PER_USER = 10;

describe("headers and per-user limits", () => {
  const world = useWorld<Scenario>({
    label: "hardening",
    names: ["Ada", "Bo", "Cy"],
    seed: seedScenario,
  });
  let ada: Client;
  let cy: Client;
  let bo: number;

  beforeAll(async () => {
    const [adaPerson, boPerson] = world.people;
    if (!adaPerson || !boPerson) throw new Error("two people");
    ada = await world.signIn(adaPerson);
    bo = boPerson.id;
    const cyPerson = world.people[2];
    if (!cyPerson) throw new Error("Cy");
    // Cy only holds event streams: no browser of hers holds one already.
    cy = await world.signIn(cyPerson);
  });

  const expectCommonHeaders = (response: Response, path: string) => {
    expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
    expect(response.headers.get("referrer-policy"), path).toBe("same-origin");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp, path).toContain("frame-ancestors 'none'");
    return csp;
  };

  it("sends every page a strict Content-Security-Policy whose nonce is on every script", async () => {
    const anonymous = world.anonymous();
    const pages: [Client, string][] = [
      [anonymous, "/login"],
      [anonymous, "/register"],
      [ada, "/messages"],
      [ada, `/messages/${bo}`],
      [ada, "/inbox"],
      [ada, `/thread/${world.seeded.adaToBo}`],
    ];
    const nonces = new Set<string>();
    for (const [client, path] of pages) {
      const response = await client.fetch(path);
      const html = await response.text();
      expect(response.status, path).toBe(200);
      const csp = expectCommonHeaders(response, path);
      for (const directive of ["object-src 'none'", "base-uri 'self'", "default-src 'self'"]) {
        expect(csp, path).toContain(directive);
      }
      const nonce = /script-src 'self' 'nonce-([^']+)' 'strict-dynamic'/.exec(csp)?.[1];
      expect(nonce, `${path}: ${csp}`).toBeTruthy();
      expect(csp, path).not.toContain("unsafe-inline");
      nonces.add(nonce ?? "");
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const script of scripts) expect(script, path).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(pages.length);
  });

  it("marks every authenticated JSON answer private, no-store", async () => {
    for (const path of [
      "/api/counts",
      `/api/conversations/${bo}`,
      `/api/threads/${world.seeded.adaToBo}`,
      `/api/messages/${world.seeded.boToAda}/history`,
      "/api/threads/987654",
    ]) {
      const response = await ada.fetch(path);
      await response.arrayBuffer();
      expect(response.status, path).toBeLessThan(500);
      expect(response.headers.get("cache-control"), path).toBe("private, no-store");
      expectCommonHeaders(response, path);
    }
    const sent = await ada.fetch("/api/messages", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ receiverId: bo, content: "headers" }),
    });
    await sent.arrayBuffer();
    expect(sent.status).toBe(201);
    expect(sent.headers.get("cache-control")).toBe("private, no-store");
  });

  it("runs the app in a browser under the policy: no violation, and sending works", async () => {
    const browser = await launchBrowser();
    try {
      const page = await pageAs(browser, ada);
      const violations: string[] = [];
      page.on("console", (message) => {
        if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) {
          violations.push(message.text());
        }
      });
      await page.goto(`${ada.baseUrl}/messages/${bo}`);
      const articles = page.getByRole("region", { name: "Messages" }).getByRole("article");
      const before = await articles.count();
      await page.getByRole("textbox", { name: "Message" }).fill("sent under the CSP");
      await page.getByRole("button", { name: "Send" }).click();
      await expect.poll(() => articles.count(), { timeout: 20_000 }).toBe(before + 1);
      await page.goto(`${ada.baseUrl}/thread/${world.seeded.tombstone}`);
      await expect
        .poll(() => page.getByRole("tree", { name: "Thread" }).count(), { timeout: 20_000 })
        .toBe(1);
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it(`allows ${STREAMS_PER_USER} open event streams per user, then answers 429`, async () => {
    const controllers: AbortController[] = [];
    const open = async (client: Client) => {
      const controller = new AbortController();
      const response = await client.fetch("/api/events", { signal: controller.signal });
      controllers.push(controller);
      return response;
    };
    try {
      for (let i = 0; i < STREAMS_PER_USER; i++) {
        const response = await open(cy);
        expect(response.status, `stream ${i + 1}`).toBe(200);
        expect(response.headers.get("content-type")).toContain("text/event-stream");
      }
      const refused = await open(cy);
      expect(refused.status).toBe(429);
      expect(refused.headers.get("cache-control")).toBe("private, no-store");

      // Another user is not affected.
      const [, boPerson] = world.people;
      if (!boPerson) throw new Error("Bo");
      expect((await open(await world.signIn(boPerson))).status).toBe(200);

      // Closing one frees its slot.
      controllers[0]?.abort();
      await expect
        .poll(
          async () => {
            const response = await open(cy);
            if (response.status !== 200) await response.arrayBuffer();
            return response.status;
          },
          { timeout: 10_000, interval: 250 },
        )
        .toBe(200);
    } finally {
      for (const controller of controllers) controller.abort();
    }
  });
});
