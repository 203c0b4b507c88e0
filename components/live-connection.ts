/**
 * Whether this tab's live stream is open: while it is, the events of our own writes bring
 * their changes, and a refetch after the write would only repeat them.
 */
let connected = false;

export function setLiveConnected(value: boolean) {
  connected = value;
}

export function liveConnected() {
  return connected;
}

/** The window event LiveUpdates dispatches for every live event (detail: LiveEventData). */
export const LIVE_EVENT = "cairo:live-event";
