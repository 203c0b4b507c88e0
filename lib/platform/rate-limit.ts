import { redis, sharedMode, withTimeout } from "./redis/connection.mjs";

/**
 * A fixed-window limiter of failed attempts. On one server it counts in process memory; on
 * several (REDIS_URL set) it counts in Redis, with atomic increments that expire with the
 * window, so the limit holds across servers. Redis unreachable: each server counts on its
 * own until Redis answers again (the limit then holds per server).
 */
export interface Limiter {
  /** True while `key` has used up its attempts in the current window. */
  isLimited(key: string): Promise<boolean>;
  /** Failures of `key` in the current window. */
  failures(key: string): Promise<number>;
  /** Counts a failure; resolves with the failures in the window so far. */
  recordFailure(key: string): Promise<number>;
  reset(key: string): Promise<void>;
}

interface LimiterOptions {
  /** Names the limiter's keys in Redis. */
  name: string;
  limit: number;
  windowMs: number;
}

export function createLimiter(options: LimiterOptions): Limiter {
  const local = createInProcessLimiter(options);
  return sharedMode() ? createRedisLimiter(options, local) : local;
}

export function createInProcessLimiter({ limit, windowMs }: LimiterOptions): Limiter {
  const windows = new Map<string, { start: number; failures: number }>();
  const current = (key: string, now: number) => {
    const window = windows.get(key);
    if (!window || now - window.start >= windowMs) return undefined;
    return window;
  };
  return {
    async isLimited(key) {
      return (current(key, Date.now())?.failures ?? 0) >= limit;
    },
    async failures(key) {
      return current(key, Date.now())?.failures ?? 0;
    },
    async recordFailure(key) {
      const now = Date.now();
      const window = current(key, now) ?? { start: now, failures: 0 };
      window.failures += 1;
      windows.set(key, window);
      if (windows.size > 10_000) pruneExpired(windows, now, windowMs);
      return window.failures;
    },
    async reset(key) {
      windows.delete(key);
    },
  };
}

function createRedisLimiter({ name, limit, windowMs }: LimiterOptions, local: Limiter): Limiter {
  const keyOf = (key: string) => `cairo:limit:${name}:${key}`;
  /** Runs `shared` on Redis; without Redis (or on its failure), `fallback` here. */
  const either = async <T>(
    shared: (client: NonNullable<ReturnType<typeof redis>>) => Promise<T>,
    fallback: () => Promise<T>,
  ) => {
    const client = redis();
    if (!client) return fallback();
    try {
      return await withTimeout(shared(client));
    } catch {
      return fallback();
    }
  };
  return {
    isLimited: (key) =>
      either(
        async (client) => Number((await client.get(keyOf(key))) ?? 0) >= limit,
        () => local.isLimited(key),
      ),
    failures: (key) =>
      either(
        async (client) => Number((await client.get(keyOf(key))) ?? 0),
        () => local.failures(key),
      ),
    recordFailure: (key) =>
      either(
        async (client) => {
          const [failures] = await client
            .multi()
            .incr(keyOf(key))
            .pExpire(keyOf(key), windowMs, "NX")
            .exec();
          return Number(failures);
        },
        () => local.recordFailure(key),
      ),
    reset: (key) =>
      either(
        async (client) => {
          await client.del(keyOf(key));
        },
        () => local.reset(key),
      ),
  };
}

function pruneExpired(
  windows: Map<string, { start: number }>,
  now: number,
  windowMs: number,
): void {
  for (const [key, window] of windows) if (now - window.start >= windowMs) windows.delete(key);
}
