import { beforeAll, describe, expect, it } from "vitest";
import type { Person } from "../test-kit/database";
import type { Client } from "../test-kit/http";
import { cluster, openStream, seedPeople, signIn } from "./support/cluster";

/** The deployment's shape: what the other files rely on. */
describe("nginx in front of two servers", () => {
  let ada: Person;
  let viaNginx: Client;
  beforeAll(async () => {
    [ada] = (await seedPeople(["Nginx Ada"])) as [Person];
    viaNginx = await signIn(cluster().url, ada);
  });

  it("sends consecutive requests to both servers, and one session works on both", async () => {
    const upstreams = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const response = await viaNginx.fetch("/api/counts");
      await response.arrayBuffer();
      expect(response.status).toBe(200);
      upstreams.add(response.headers.get("x-cairo-upstream") ?? "");
    }
    expect([...upstreams].sort()).toEqual(
      cluster()
        .serverUrls.map((url) => url.replace("http://", ""))
        .sort(),
    );
  });

  it("passes server-sent events through unbuffered", async () => {
    const started = performance.now();
    const response = await viaNginx.fetch("/api/events", {
      headers: { accept: "text/event-stream" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    // The first frame ("retry:") arrives at once, not when a buffer fills.
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toMatch(/^retry: /);
    expect(performance.now() - started).toBeLessThan(5_000);
    await reader?.cancel();
    const stream = await openStream(viaNginx);
    expect(stream.closed).toBe(false);
    await stream.close();
  });
});
