/**
 * The live path, measured: how long from A's send (POST /api/messages) until B's open
 * event stream announces the new message. The browser then refetches the conversation
 * (one GET, served from the cache entry the send just refreshed) and renders it.
 *
 *   npm run bench:live   (after `npx next build`)
 */
import { createPeople, makeWorkDir, removeWorkDir, withAppDatabase } from "../test-kit/database";
import { signedIn } from "../test-kit/http";
import { startServer } from "../test-kit/server";

const SENDS = 100;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main() {
  const workDir = makeWorkDir("cairo-live-bench");
  const databaseUrl = `${workDir}/live.db`;
  const [ada, bo] = await withAppDatabase(databaseUrl, () => createPeople(["Ada Live", "Bo Live"]));
  if (!ada || !bo) throw new Error("seeding failed");
  const server = await startServer({ databaseUrl, workDir });
  try {
    const sender = await signedIn(server.baseUrl, ada.email, ada.password);
    const receiver = await signedIn(server.baseUrl, bo.email, bo.password);

    const arrivals = new Map<number, number>();
    const controller = new AbortController();
    const stream = await fetch(`${server.baseUrl}/api/events`, {
      headers: { cookie: receiver.cookieHeader() },
      signal: controller.signal,
    });
    const reading = (async () => {
      const decoder = new TextDecoder();
      let buffer = "";
      try {
        for await (const chunk of stream.body ?? []) {
          buffer += decoder.decode(chunk as Uint8Array, { stream: true });
          for (const match of buffer.matchAll(/data: (\{.*\})\n/g)) {
            const data = JSON.parse(match[1] ?? "{}");
            if (data.type === "message.created")
              arrivals.set(data.messageIds[0], performance.now());
          }
          buffer = buffer.slice(buffer.lastIndexOf("\n\n") + 2);
        }
      } catch {
        // aborted at the end
      }
    })();

    const toStream: number[] = [];
    const toResponse: number[] = [];
    for (let i = 0; i < SENDS; i++) {
      const started = performance.now();
      const response = await sender.fetch("/api/messages", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ receiverId: bo.id, content: `live ${i}` }),
      });
      const { id } = (await response.json()) as { id: number };
      toResponse.push(performance.now() - started);
      const deadline = performance.now() + 5_000;
      while (!arrivals.has(id) && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      toStream.push((arrivals.get(id) ?? Number.NaN) - started);
    }
    controller.abort();
    await reading;

    for (const [figure, values] of [
      ["send_to_stream_event", toStream],
      ["send_response", toResponse],
    ] as const) {
      const sorted = [...values].sort((a, b) => a - b);
      console.log(
        JSON.stringify({
          bench: "live",
          figure,
          sends: SENDS,
          p50_ms: Number(percentile(sorted, 50).toFixed(1)),
          p95_ms: Number(percentile(sorted, 95).toFixed(1)),
          max_ms: Number((sorted.at(-1) ?? Number.NaN).toFixed(1)),
        }),
      );
    }
  } finally {
    await server.stop();
    removeWorkDir(workDir);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
