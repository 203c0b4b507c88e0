/**
 * The several-servers shape, measured (`npm run bench:cluster`, after `npx next build`;
 * needs Debian's postgresql, redis-server and nginx):
 *
 * - HTTP throughput of `GET /api/conversations/[id]` (signed in, a 50-message page)
 *   through nginx with one server behind it and with two, in alternating rounds on one
 *   deployment (a second nginx fronts the first server alone);
 * - the send-to-stream latency across servers: `POST /api/messages` on server A until the
 *   receiver's event stream on server B announces it (p50/p95).
 *
 * Prints one JSON line per figure, then a summary. The deployment (scripts/cluster/cluster.ts)
 * is started for the run and stopped after it.
 */
import os from "node:os";
import autocannon from "autocannon";
import { openStream, send } from "../cluster/support/stream";
import { type Cluster, startCluster } from "../scripts/cluster/cluster";
import { createPeople, type Person, withAppDatabase } from "../test-kit/database";
import { signedIn } from "../test-kit/http";
import { describeMachine } from "./support/machine";

const SECONDS = Number(process.env.BENCH_CLUSTER_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CLUSTER_CONNECTIONS ?? 10);
const SENDS = Number(process.env.BENCH_CLUSTER_SENDS ?? 100);
const ROUNDS = Number(process.env.BENCH_CLUSTER_ROUNDS ?? 2);
const PAGE = 50;

const lines: Record<string, unknown>[] = [];
function emit(figure: Record<string, unknown>) {
  lines.push(figure);
  console.log(JSON.stringify({ bench: "cluster", ...figure }));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Two colleagues with a full page of conversation between them. */
async function seed(cluster: Cluster): Promise<[Person, Person]> {
  return withAppDatabase(cluster.databaseUrl, async () => {
    const { sendMessage } = await import("@/lib/messaging/messages");
    const [ada, bo] = (await createPeople(["Bench Ada", "Bench Bo"])) as [Person, Person];
    for (let i = 0; i < PAGE; i++) {
      const [from, to] = i % 2 ? [bo, ada] : [ada, bo];
      await sendMessage(from.id, { receiverId: to.id, content: `bench message ${i}` });
    }
    return [ada, bo];
  });
}

/** autocannon against `url` for SECONDS; the signed-in conversation API. */
async function measure(url: string, headers: Record<string, string>) {
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS });
  return {
    rps: Number(result.requests.average.toFixed(1)),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    requests: result.requests.total,
    non_2xx: result.non2xx,
    errors: result.errors,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2
      ? (sorted[middle] ?? Number.NaN)
      : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return Number(value.toFixed(1));
};

/**
 * One deployment of two servers, and a second nginx in front of the first server only:
 * the one-server and two-server figures are measured in alternating rounds, side by side,
 * so the machine's other load weighs on both alike.
 */
async function throughput(cluster: Cluster, ada: Person, bo: Person) {
  const client = await signedIn(cluster.url, ada.email, ada.password);
  const headers = { cookie: client.cookieHeader() };
  const path = `/api/conversations/${bo.id}`;
  const targets = { 1: `${await cluster.addNginx([0])}${path}`, 2: `${cluster.url}${path}` };
  // Warm every server (first render, the cache entry), then measure.
  await autocannon({ url: targets[2], headers, connections: 2, amount: 80 });
  const runs: Record<1 | 2, Awaited<ReturnType<typeof measure>>[]> = { 1: [], 2: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const servers of round % 2 ? ([2, 1] as const) : ([1, 2] as const)) {
      const run = await measure(targets[servers], headers);
      runs[servers].push(run);
      emit({
        figure: "http_conversation_api_through_nginx_round",
        servers,
        round,
        connections: CONNECTIONS,
        seconds: SECONDS,
        ...run,
      });
    }
  }
  for (const servers of [1, 2] as const) {
    const all = runs[servers];
    emit({
      figure: "http_conversation_api_through_nginx",
      servers,
      rounds: ROUNDS,
      connections: CONNECTIONS,
      seconds: SECONDS,
      rps: median(all.map((r) => r.rps)),
      p50_ms: median(all.map((r) => r.p50_ms)),
      p99_ms: median(all.map((r) => r.p99_ms)),
      non_2xx: all.reduce((sum, r) => sum + r.non_2xx, 0),
      errors: all.reduce((sum, r) => sum + r.errors, 0),
    });
  }
}

async function latency(cluster: Cluster, ada: Person, bo: Person) {
  const [a, b] = cluster.serverUrls as [string, string];
  const sender = await signedIn(a, ada.email, ada.password);
  const receiver = await signedIn(b, bo.email, bo.password);
  const stream = await openStream(receiver);
  const toStream: number[] = [];
  let missed = 0;
  try {
    for (let i = 0; i < SENDS; i++) {
      const started = performance.now();
      const sent = await send(sender, { receiverId: bo.id, content: `latency ${i}` });
      const event = await stream.waitFor(
        (e) =>
          e.data.type === "message.created" &&
          (e.data.messageIds as number[]).includes(sent.id ?? -1),
        5_000,
      );
      if (event) toStream.push(event.at - started);
      else missed++;
    }
  } finally {
    await stream.close();
  }
  const sorted = toStream.sort((x, y) => x - y);
  emit({
    figure: "send_on_A_to_stream_event_on_B",
    sends: SENDS,
    delivered: sorted.length,
    missed_within_5s: missed,
    p50_ms: Number(percentile(sorted, 50).toFixed(1)),
    p95_ms: Number(percentile(sorted, 95).toFixed(1)),
    max_ms: Number((sorted.at(-1) ?? Number.NaN).toFixed(1)),
  });
}

async function main() {
  console.log(JSON.stringify({ bench: "cluster", machine: await describeMachine() }));
  const cluster = await startCluster({
    servers: 2,
    log: (line) => console.error(`[cluster] ${line}`),
  });
  try {
    const [ada, bo] = await seed(cluster);
    await throughput(cluster, ada, bo);
    await latency(cluster, ada, bo);
  } finally {
    await cluster.stop();
  }
  const [one, two] = lines.filter((l) => l.figure === "http_conversation_api_through_nginx");
  const live = lines.find((l) => l.figure === "send_on_A_to_stream_event_on_B");
  const ratio = Number(two?.rps) / Number(one?.rps);
  console.log(
    [
      "",
      "| figure | measured |",
      "| --- | --- |",
      `| \`GET /api/conversations/[id]\` through nginx, 1 server, ${CONNECTIONS} connections, median of ${ROUNDS} rounds | ${one?.rps} req/s, p50 ${one?.p50_ms} ms, p99 ${one?.p99_ms} ms, non-2xx ${one?.non_2xx} |`,
      `| the same, 2 servers | ${two?.rps} req/s, p50 ${two?.p50_ms} ms, p99 ${two?.p99_ms} ms, non-2xx ${two?.non_2xx} (${ratio.toFixed(2)}x) |`,
      `| send on A to the stream event on B | p50 ${live?.p50_ms} ms, p95 ${live?.p95_ms} ms (${live?.delivered}/${live?.sends} within 5 s) |`,
      "",
      `Both servers, nginx, PostgreSQL, Redis and autocannon share this machine's ${os.availableParallelism()} cores`,
      "(load average at the start in the machine line above): the two-server figure shows what",
      "the shared cache and nginx cost or save here, not how two machines would scale.",
    ].join("\n"),
  );
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
