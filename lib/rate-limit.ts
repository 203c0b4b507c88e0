/**
 * A fixed-window limiter of failed attempts, in process memory: enough for one server.
 * Several servers would share it through the database or Redis instead.
 */
export interface Limiter {
  /** True while `key` has used up its attempts in the current window. */
  isLimited(key: string, now?: number): boolean;
  /** Failures of `key` in the current window. */
  failures(key: string, now?: number): number;
  recordFailure(key: string, now?: number): void;
  reset(key: string): void;
}

export function createLimiter({ limit, windowMs }: { limit: number; windowMs: number }): Limiter {
  const windows = new Map<string, { start: number; failures: number }>();
  const current = (key: string, now: number) => {
    const window = windows.get(key);
    if (!window || now - window.start >= windowMs) return undefined;
    return window;
  };
  return {
    isLimited(key, now = Date.now()) {
      return (current(key, now)?.failures ?? 0) >= limit;
    },
    failures(key, now = Date.now()) {
      return current(key, now)?.failures ?? 0;
    },
    recordFailure(key, now = Date.now()) {
      const window = current(key, now);
      if (window) window.failures += 1;
      else windows.set(key, { start: now, failures: 1 });
      if (windows.size > 10_000) pruneExpired(windows, now, windowMs);
    },
    reset(key) {
      windows.delete(key);
    },
  };
}

function pruneExpired(
  windows: Map<string, { start: number }>,
  now: number,
  windowMs: number,
): void {
  for (const [key, window] of windows) if (now - window.start >= windowMs) windows.delete(key);
}
