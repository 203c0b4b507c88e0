import { type EventBus, liveBus } from "./bus";
import { startPresenceFeed } from "./presence-feed";
import { type PresenceStore, presenceStore } from "./presence-store";
import { liveEventStream, type StreamOwner } from "./stream";
import { acquireStreamSlot } from "./stream-limit";

export type OpenedStream =
  | { status: "open"; body: ReadableStream<Uint8Array> }
  /** Every slot of the user's is taken by a stream whose client is still there. */
  | { status: "full" }
  /** The client went away before the stream opened: nothing was taken. */
  | { status: "gone" };

/**
 * Opens a user's event stream on one of their slots. The slot is held exactly as long as
 * the client is: the request's abort (the socket closing) releases it, even when the abort
 * came before the stream existed (an `abort` listener added to a signal that has already
 * aborted never runs, so that case is checked, not listened for).
 */
export function openEventStream(
  owner: StreamOwner,
  lastEventId: string | null,
  signal: AbortSignal,
  bus: EventBus = liveBus(),
  presence: PresenceStore = presenceStore(),
): OpenedStream {
  if (signal.aborted) return { status: "gone" };
  const releaseSlot = acquireStreamSlot(owner.userId);
  if (!releaseSlot) return { status: "full" };
  // An open stream is what makes its user present (away, or active once a tab is used).
  presence.streamOpened(owner.userId);
  startPresenceFeed(bus, presence);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    releaseSlot();
    presence.streamClosed(owner.userId);
  };
  signal.addEventListener("abort", release, { once: true });
  return {
    status: "open",
    body: liveEventStream(owner, lastEventId, signal, { onClose: release, bus }),
  };
}
