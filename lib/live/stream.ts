import { liveBus } from "./bus";
import type { LiveEvent } from "./types";

export const HEARTBEAT_MS = 15_000;
const RETRY_MS = 3_000;

function frame(event: LiveEvent): string {
  return `id: ${event.id}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

/**
 * A server-sent event stream of one user's live events. It first replays what the client
 * missed since `lastEventId` (or tells it to resync when the replay cannot be trusted),
 * then follows the bus; comments every HEARTBEAT_MS keep proxies from closing it.
 * Replay and subscription happen in one synchronous step, so no event falls between them.
 */
export function liveEventStream(
  { userId, sessionId }: { userId: number; sessionId: string },
  lastEventId: string | null,
  signal: AbortSignal,
) {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      send(`retry: ${RETRY_MS}\n\n`);
      // A session's end closes its stream; the browser is told, other sessions are not.
      const deliver = (event: LiveEvent) => {
        if (event.data.type !== "session.ended") return send(frame(event));
        if (!event.data.sessionIds?.includes(sessionId)) return;
        send(`event: signed-out\ndata: {}\n\n`);
        cleanup();
      };
      if (lastEventId) {
        const { events, complete } = liveBus().replay(userId, lastEventId);
        if (complete) for (const event of events) deliver(event);
        else send(`event: resync\ndata: {}\n\n`);
      }
      const unsubscribe = liveBus().subscribe(userId, deliver);
      const heartbeat = setInterval(() => send(": ping\n\n"), HEARTBEAT_MS);
      cleanup = () => {
        unsubscribe();
        clearInterval(heartbeat);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      signal.addEventListener("abort", () => cleanup(), { once: true });
    },
    cancel() {
      cleanup();
    },
  });
}
