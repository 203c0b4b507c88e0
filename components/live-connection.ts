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
