import type { Client } from "../../test-kit/http";

export interface StreamEvent {
  id?: string;
  event: string;
  data: Record<string, unknown>;
  at: number;
}

/**
 * An open `/api/events` stream of one session, read in the background: every frame with
 * its id, its event name ("message" unless named) and its parsed data.
 */
export async function openStream(client: Client, lastEventId?: string) {
  const controller = new AbortController();
  const headers: Record<string, string> = {
    cookie: client.cookieHeader(),
    accept: "text/event-stream",
  };
  if (lastEventId) headers["last-event-id"] = lastEventId;
  const response = await client.fetch("/api/events", { headers, signal: controller.signal });
  if (response.status !== 200) {
    throw new Error(`event stream answered ${response.status}: ${await response.text()}`);
  }
  const events: StreamEvent[] = [];
  const waiters = new Set<() => void>();
  let closed = false;
  let retryMs: number | undefined;
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of response.body ?? []) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf("\n\n");
          const event: StreamEvent = { event: "message", data: {}, at: performance.now() };
          let hasData = false;
          for (const line of frame.split("\n")) {
            if (line.startsWith("id: ")) event.id = line.slice(4);
            else if (line.startsWith("retry: ")) retryMs = Number(line.slice(7));
            else if (line.startsWith("event: ")) event.event = line.slice(7);
            else if (line.startsWith("data: ")) {
              event.data = JSON.parse(line.slice(6));
              hasData = true;
            }
          }
          if (!hasData) continue; // retry:, comments
          events.push(event);
          for (const wake of waiters) wake();
        }
      }
    } catch {
      // aborted
    } finally {
      closed = true;
      for (const wake of waiters) wake();
    }
  })();
  return {
    events,
    get closed() {
      return closed;
    },
    /** The reconnection delay the server asked for (its `retry:` line), once read. */
    get retryMs() {
      return retryMs;
    },
    /** The ids of the messages announced as created so far. */
    createdIds(): number[] {
      return events
        .filter((e) => e.data.type === "message.created")
        .flatMap((e) => e.data.messageIds as number[]);
    },
    /** Resolves with the first event matching, or undefined after `timeoutMs`. */
    async waitFor(
      match: (event: StreamEvent) => boolean,
      timeoutMs: number,
    ): Promise<StreamEvent | undefined> {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const found = events.find(match);
        if (found || closed) return found;
        const left = deadline - performance.now();
        if (left <= 0) return undefined;
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, left);
          waiters.add(wake);
        });
      }
    },
    async close() {
      controller.abort();
      await reading;
    },
  };
}

/** POST /api/messages; the stored message's id on 201 (or 200 for an idempotent retry). */
export async function send(
  client: Client,
  body: Record<string, unknown>,
): Promise<{ status: number; id?: number; text: string }> {
  const response = await client.json("POST", "/api/messages", body);
  const id =
    response.status === 200 || response.status === 201
      ? (response.body as { id: number }).id
      : undefined;
  return { status: response.status, id, text: response.text };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
