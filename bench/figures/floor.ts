import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import autocannon from "autocannon";
import { closeDatabase } from "@/db/client";
import { type Client, signedIn } from "../../test-kit/http";
import { AUTH_SECRET, startServer } from "../../test-kit/server";
import { median, round } from "../support/measure";
import { emit, judge, note } from "../support/report";
import { type BenchDialect, openTempDatabase } from "../support/temp-database";
import { seed } from "./http";

const CONNECTIONS = 10;
const SECONDS = Number(process.env.BENCH_FLOOR_SECONDS ?? 5);
const ROUNDS = 3;

/** bench/support/bare-server.ts on the same database; resolves with its base URL. */
async function startBare(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const script = path.join(process.cwd(), "bench", "support", "bare-server.ts");
  // Node itself with tsx as a loader: one process, which the kill below really ends (the
  // tsx binary would leave its node child behind, holding our pipe open).
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", script], {
    env: { ...process.env, DATABASE_URL: databaseUrl, AUTH_SECRET, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    if (line.startsWith("{")) return { url: `http://127.0.0.1:${JSON.parse(line).port}`, child };
  }
  throw new Error("the bare server exited before listening");
}

async function requestsPerSecond(url: string, cookie?: string): Promise<number> {
  const headers = cookie ? { cookie } : {};
  await autocannon({ url, headers, connections: 2, amount: 50 });
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  return result.requests.average;
}

/**
 * Side by side in one run, in alternating rounds (medians): the signed-in
 * `GET /api/conversations/[id]` against a bare node:http server doing the same work (its
 * floor) and against the same request through the proxy (what the JSON API's skipping it
 * saves), and the conversation page against the app's static /register page. SQLite only.
 */
export async function floorBenchmark(dialect: BenchDialect = "sqlite"): Promise<void> {
  if (dialect !== "sqlite") {
    note("floor: measured on SQLite only (it measures the framework's share).");
    return;
  }
  if (!fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
    note("floor: skipped, no production build in .next (run `npm run build` first).");
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairo-bench-floor-"));
  const temp = await openTempDatabase(dialect, "floor");
  let bare: ChildProcess | undefined;
  const server = await (async () => {
    const [ada, bo] = await seed();
    await closeDatabase();
    const app = await startServer({ databaseUrl: temp.url, workDir: dir });
    return { app, ada, bo };
  })();
  try {
    const { app, ada, bo } = server;
    const client: Client = await signedIn(app.baseUrl, ada.email, ada.password);
    const cookie = client.cookieHeader();
    const started = await startBare(temp.url);
    bare = started.child;
    const api = `/api/conversations/${bo.id}`;
    // The same route and work through the proxy, as every API request went before the JSON
    // API skipped it: a percent-escape in the path sends a request through it (proxy.ts).
    const escaped = `/api/conversations/%${bo.id.toString().charCodeAt(0).toString(16)}${bo.id.toString().slice(1)}`;
    const targets = {
      api: `${app.baseUrl}${api}`,
      apiViaProxy: `${app.baseUrl}${escaped}`,
      bare: `${started.url}${api}`,
      page: `${app.baseUrl}/messages/${bo.id}`,
      static: `${app.baseUrl}/register`,
    };
    const same = await Promise.all(
      [targets.api, targets.bare, targets.apiViaProxy].map(async (url) => {
        const response = await fetch(url, { headers: { cookie } });
        return (await response.json()) as unknown;
      }),
    );
    if (JSON.stringify(same[0]) !== JSON.stringify(same[1]))
      throw new Error("floor: the bare server's JSON differs from the API's");
    if (JSON.stringify(same[0]) !== JSON.stringify(same[2]))
      throw new Error("floor: the API's JSON differs through the proxy");
    const rates: Record<keyof typeof targets, number[]> = {
      api: [],
      apiViaProxy: [],
      bare: [],
      page: [],
      static: [],
    };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, url] of Object.entries(targets) as [keyof typeof targets, string][]) {
        rates[name].push(await requestsPerSecond(url, name === "static" ? undefined : cookie));
      }
    }
    const rps = Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, median(v)])) as Record<
      keyof typeof targets,
      number
    >;
    for (const [name, value] of Object.entries(rps)) {
      emit({
        bench: "floor",
        db: dialect,
        variant: name,
        url: targets[name as keyof typeof targets].replace(/^http:\/\/[^/]+/, ""),
        connections: CONNECTIONS,
        seconds: SECONDS,
        rounds: ROUNDS,
        requests_per_s: Math.round(value),
      });
    }
    const apiRatio = rps.api / rps.bare;
    const proxyRatio = rps.apiViaProxy / rps.api;
    const pageRatio = rps.page / rps.static;
    emit({
      bench: "floor",
      db: dialect,
      variant: "ratios",
      api_over_bare: round(apiRatio),
      through_proxy_over_api: round(proxyRatio),
      page_over_static: round(pageRatio),
    });
    judge({
      figure: "GET /api/conversations/[id] / bare node:http doing the same work",
      db: dialect,
      value: `${round(apiRatio)}x (${Math.round(rps.api)} vs ${Math.round(rps.bare)} req/s)`,
      target: ">= 0.5x",
      met: apiRatio >= 0.5,
    });
    judge({
      figure: "conversation page / static /register page",
      db: dialect,
      value: `${round(pageRatio)}x (${Math.round(rps.page)} vs ${Math.round(rps.static)} req/s)`,
      target: ">= 0.25x",
      met: pageRatio >= 0.25,
    });
  } finally {
    bare?.kill("SIGKILL");
    await server.app.kill();
    await temp.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
