/**
 * The several-servers shape, measured (`npm run bench:cluster`, after `npx next build`;
 * needs Debian's postgresql, redis-server and nginx):
 *
 * - HTTP throughput of `GET /api/conversations/[id]` (signed in, a 50-message page)
 *   through nginx with one server behind it, then with two, on the same machine;
 * - the send-to-stream latency across servers: `POST /api/messages` on server A until the
 *   receiver's event stream on server B announces it (p50/p95).
 *
 * Prints one JSON line per figure, then a summary. Each deployment is started for its
 * measurement and stopped after it (scripts/cluster/cluster.ts).
 */
import os from "node:os";
import autocannon from "autocannon";
import { openStream, send } from "../cluster/support/stream";
import { createPeople, type Person, withAppDatabase } from "../reliability/harness/database";
import { signedIn } from "../reliability/harness/http";
import { type Cluster, startCluster } from "../scripts/cluster/cluster";
import { describeMachine } from "./support/machine";

const SECONDS = Number(process.env.BENCH_CLUSTER_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CLUSTER_CONNECTIONS ?? 10);
const SENDS = Number(process.env.BENCH_CLUSTER_SENDS ?? 100);
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
    const { sendMessage } = await import("@/lib/messages");
    const [ada, bo] = (await createPeople(["Bench Ada", "Bench Bo"])) as [Person, Person];
    for (let i = 0; i < PAGE; i++) {
      const [from, to] = i % 2 ? [bo, ada] : [ada, bo];
      await sendMessage(from.id, { receiverId: to.id, content: `bench message ${i}` });
    }
    return [ada, bo];
  });
}

async function throughput(servers: 1 | 2) {
  const cluster = await startCluster({
    servers,
    log: (line) => console.error(`[cluster] ${line}`),
  });
  try {
    const [ada, bo] = await seed(cluster);
    const client = await signedIn(cluster.url, ada.email, ada.password);
    const url = `${cluster.url}/api/conversations/${bo.id}`;
    const headers = { cookie: client.cookieHeader() };
    // Warm every server (first render, the cache entry), then measure.
    await autocannon({ url, headers, connections: 2, amount: 40 * servers });
    const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: SECONDS });
    emit({
      figure: "http_conversation_api_through_nginx",
      servers,
      connections: CONNECTIONS,
      seconds: SECONDS,
      rps: Number(result.requests.average.toFixed(1)),
      p50_ms: result.latency.p50,
      p99_ms: result.latency.p99,
      requests: result.requests.total,
      non_2xx: result.non2xx,
      errors: result.errors,
    });
    if (servers === 2) await latency(cluster, ada, bo);
  } finally {
    await cluster.stop();
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
  await throughput(1);
  await throughput(2);
  const [one, two] = lines.filter((l) => l.figure === "http_conversation_api_through_nginx");
  const live = lines.find((l) => l.figure === "send_on_A_to_stream_event_on_B");
  const ratio = Number(two?.rps) / Number(one?.rps);
  console.log(
    [
      "",
      "| figure | measured |",
      "| --- | --- |",
      `| \`GET /api/conversations/[id]\` through nginx, 1 server, ${CONNECTIONS} connections | ${one?.rps} req/s, p50 ${one?.p50_ms} ms, p99 ${one?.p99_ms} ms, non-2xx ${one?.non_2xx} |`,
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
