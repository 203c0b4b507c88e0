import type { Client } from "../../test-kit/http";
import { openStream, type StreamEvent, sleep } from "./stream";

/** What a browser's EventSource waits before reconnecting when the server named no delay. */
const DEFAULT_RETRY_MS = 3_000;

/**
 * A stream that behaves as the browser's EventSource does: when the connection ends, it
 * waits the server's `retry:` delay and reconnects with the last event id it saw, again
 * and again, until `stop`. Every event of every connection is kept, with each reconnection
 * (when the old one ended, when the new one opened, the answers of the attempts between).
 */
export function followStream(client: Client) {
  const events: StreamEvent[] = [];
  const reconnections: { lostAt: number; backAt?: number; answers: (number | "network")[] }[] = [];
  let stopped = false;
  let current: Awaited<ReturnType<typeof openStream>> | undefined;
  const lastId = () => events.findLast((event) => event.id)?.id;

  const running = (async () => {
    let retryMs = DEFAULT_RETRY_MS;
    for (;;) {
      const reconnection = current ? reconnections.at(-1) : undefined;
      try {
        current = await openStream(client, lastId());
        if (reconnection) reconnection.backAt = performance.now();
      } catch (error) {
        const status = /answered (\d+)/.exec(String(error))?.[1];
        reconnection?.answers.push(status ? Number(status) : "network");
        await sleep(retryMs);
        if (stopped) return;
        continue;
      }
      const stream = current;
      let seen = 0;
      while (!stream.closed && !stopped) {
        await stream.waitFor(() => stream.events.length > seen, 1_000);
        for (const event of stream.events.slice(seen)) events.push(event);
        seen = stream.events.length;
      }
      for (const event of stream.events.slice(seen)) events.push(event);
      retryMs = stream.retryMs ?? DEFAULT_RETRY_MS;
      if (stopped) return;
      reconnections.push({ lostAt: performance.now(), answers: [] });
      await sleep(retryMs);
      if (stopped) return;
    }
  })();

  return {
    events,
    reconnections,
    /** The ids of the messages announced as created so far, over every connection. */
    createdIds(): number[] {
      return events
        .filter((e) => e.data.type === "message.created")
        .flatMap((e) => e.data.messageIds as number[]);
    },
    async stop() {
      stopped = true;
      await current?.close();
      await running;
    },
  };
}
