/**
 * The colleagues this tab shows a presence dot for: each PresenceDot adds its colleague
 * while mounted, and PresenceTracker sends the list with its pings (the server tells this
 * tab about those colleagues only).
 */
const shown = new Map<number, number>();
const listeners = new Set<() => void>();

export function watchColleague(userId: number): () => void {
  const before = shown.get(userId) ?? 0;
  shown.set(userId, before + 1);
  if (before === 0) for (const listener of listeners) listener();
  return () => {
    const left = (shown.get(userId) ?? 1) - 1;
    if (left > 0) return void shown.set(userId, left);
    shown.delete(userId);
    for (const listener of listeners) listener();
  };
}

let toldActiveAt = 0;

/** The server heard this tab was used (a typing signal says so): no ping needed for a while. */
export function noteToldActive(at = Date.now()) {
  toldActiveAt = at;
}

export function lastToldActive(): number {
  return toldActiveAt;
}

export function watchedColleagues(): number[] {
  return [...shown.keys()];
}

export function onWatchedChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
