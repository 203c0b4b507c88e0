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
 * `onClose` runs when the stream ends, however it ends (it may run more than once).
 */
export function liveEventStream(
  userId: number,
  lastEventId: string | null,
  signal: AbortSignal,
  onClose: () => void = () => {},
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
      if (lastEventId) {
        const { events, complete } = liveBus().replay(userId, lastEventId);
        if (complete) for (const event of events) send(frame(event));
        else send(`event: resync\ndata: {}\n\n`);
      }
      const unsubscribe = liveBus().subscribe(userId, (event) => send(frame(event)));
      const heartbeat = setInterval(() => send(": ping\n\n"), HEARTBEAT_MS);
      cleanup = () => {
        onClose();
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
