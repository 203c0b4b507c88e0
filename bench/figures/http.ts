import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { closeDatabase } from "@/db/client";
import { sendMessage } from "@/lib/messaging/messages";
import { replyToMessage } from "@/lib/messaging/threads";
import { createPeople, type Person } from "../../test-kit/database";
import { type Client, signedIn } from "../../test-kit/http";
import { startServer } from "../../test-kit/server";
import { pick, seededRandom, sentence } from "../support/data";
import { round } from "../support/measure";
import { emit, judge, note } from "../support/report";
import { type BenchDialect, openTempDatabase } from "../support/temp-database";

const CONVERSATION = 300;
const CONNECTIONS = 10;
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
/** Sends per second into the measured conversation while it is read: each one expires it. */
const WRITES_PER_SECOND = 5;

/**
 * Ada and Bo with a 300-message conversation, a fifth of it replies, written through lib/
 * into the app's current database (the server, started later, reads it from there).
 */
export async function seed(): Promise<[Person, Person]> {
  const [ada, bo] = (await createPeople(["Ada", "Bo"])) as [Person, Person];
  const random = seededRandom(20_260_905);
  const ids: number[] = [];
  for (let i = 0; i < CONVERSATION; i++) {
    const [from, to] = random() < 0.5 ? [ada, bo] : [bo, ada];
    const result =
      ids.length > 0 && random() < 0.2
        ? await replyToMessage(from.id, {
            parentMessageId: pick(random, ids),
            content: sentence(random),
          })
        : await sendMessage(from.id, { receiverId: to.id, content: sentence(random) });
    if (!result.ok) throw new Error(result.error);
    ids.push(result.data.id);
  }
  return [ada, bo];
}

/** Whether `next start` can run: it needs a production build, which this bench never makes. */
function built(): boolean {
  return fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID"));
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
}

/**
 * `writer` sends into the conversation WRITES_PER_SECOND times a second until stopped, as
 * the product does while people read: every send expires the cached page.
 */
function keepWriting(writer: Client, receiverId: number): { stop(): Promise<number> } {
  let running = true;
  let sent = 0;
  const loop = (async () => {
    while (running) {
      const response = await writer.json("POST", "/api/messages", {
        receiverId,
        content: `Interleaved write ${sent + 1}`,
      });
      if (response.status !== 201) throw new Error(`a write answered ${response.status}`);
      sent++;
      await new Promise((resolve) => setTimeout(resolve, 1000 / WRITES_PER_SECOND));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return sent;
    },
  };
}

async function hammer(
  client: Client,
  target: string,
  writing?: { writer: Client; receiverId: number },
): Promise<Run & { writes: number }> {
  const url = `${client.baseUrl}${target}`;
  const headers = { cookie: client.cookieHeader() };
  // Warm-up: JIT, the connection pool and (when on) the cache entry.
  await autocannon({ url, headers, connections: 2, amount: 50 });
  const writes = writing ? keepWriting(writing.writer, writing.receiverId) : undefined;
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS });
  const written = (await writes?.stop()) ?? 0;
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${target}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  }
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    writes: written,
  };
}

async function cacheFills(client: Client, tag: string): Promise<number> {
  const response = await client.json("GET", `/api/debug/cache?tag=${tag}`);
  return (response.body as { loads: number }).loads;
}

/**
 * The conversation page (and its JSON twin) under autocannon, served by `next start` with
 * the data cache on, then by a fresh server with CAIRO_CACHE=off, on one seeded database,
 * while the other participant sends into it WRITES_PER_SECOND times a second (as people
 * do while others read): the cached figure pays for its invalidations.
 * SQLite only: the figure measures rendering and the data cache, not the database.
 */
export async function httpCacheBenchmark(dialect: BenchDialect = "sqlite"): Promise<void> {
  if (dialect !== "sqlite") {
    note("http: measured on SQLite only (it measures rendering and the data cache).");
    return;
  }
  if (!built()) {
    note("http: skipped, no production build in .next (run `npx next build` first).");
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairo-bench-http-"));
  const temp = await openTempDatabase(dialect, "http");
  try {
    const [ada, bo] = await seed();
    // The server owns the database from here on.
    await closeDatabase();
    const tag = `conv:${Math.min(ada.id, bo.id)}-${Math.max(ada.id, bo.id)}`;
    const targets = { page: `/messages/${bo.id}`, api: `/api/conversations/${bo.id}` };
    const runs: Record<string, Record<"on" | "off", Run & { writes: number }>> = {
      page: {} as never,
      api: {} as never,
    };
    for (const cache of ["on", "off"] as const) {
      const server = await startServer({
        databaseUrl: temp.url,
        workDir: dir,
        env: { CAIRO_DEBUG_STATS: "1", ...(cache === "off" ? { CAIRO_CACHE: "off" } : {}) },
      });
      try {
        const client = await signedIn(server.baseUrl, ada.email, ada.password);
        const writer = await signedIn(server.baseUrl, bo.email, bo.password);
        const page = await client.page(targets.page);
        if (page.status !== 200 || !page.html.includes("Bo"))
          throw new Error("the page did not render");
        for (const [name, target] of Object.entries(targets)) {
          const fillsBefore = await cacheFills(client, tag);
          const run = await hammer(client, target, { writer, receiverId: ada.id });
          const fills = (await cacheFills(client, tag)) - fillsBefore;
          runs[name] = { ...runs[name], [cache]: run } as Record<
            "on" | "off",
            Run & { writes: number }
          >;
          if (name === "page" && cache === "on") {
            // Each write expires the page once: at most one fill per write (plus the race
            // of a read that started before the write committed).
            judge({
              figure: "HTTP page, cached, writes interleaved: cache fills per write",
              db: dialect,
              value: `${fills} fills for ${run.writes} writes in ${run.requests} requests`,
              target: "<= 2 per write",
              met: fills <= 2 * Math.max(1, run.writes),
            });
          }
          emit({
            bench: "http",
            db: dialect,
            variant: `${name}, cache ${cache}`,
            path: target,
            connections: CONNECTIONS,
            seconds: SECONDS,
            requests: run.requests,
            requests_per_s: round(run.rps),
            p50_ms: run.p50,
            p99_ms: run.p99,
            cache_fills_during_run: fills,
            writes_during_run: run.writes,
          });
        }
      } finally {
        await server.kill();
      }
    }
    for (const [name, { on, off }] of Object.entries(runs)) {
      const ratio = on.rps / off.rps;
      emit({
        bench: "http",
        db: dialect,
        variant: `${name}, cached / uncached`,
        throughput_ratio: round(ratio),
        p50_ms: { on: on.p50, off: off.p50 },
        p99_ms: { on: on.p99, off: off.p99 },
      });
      judge({
        figure: `HTTP ${name}: cached / uncached throughput`,
        db: dialect,
        value: `${round(ratio)}x (${Math.round(on.rps)} vs ${Math.round(off.rps)} req/s)`,
        target: name === "page" ? ">= 3x" : "(context)",
        met: name === "page" ? ratio >= 3 : null,
      });
    }
  } finally {
    await temp.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
