import { revalidateTag, unstable_cache, updateTag } from "next/cache";
import { processSingleton } from "@/db/singleton";
import { countAsync } from "@/db/statement-counter";
import { sharedMode } from "./redis/connection.mjs";
import { expireTags as expireSharedTags } from "./redis/data-cache.mjs";

/**
 * The data cache of the conversation and thread views, in one place: lifetimes, keys and
 * tags. Pages check the session and participation first, then read through here; keys and
 * tags depend only on what is asked for (the user pair, the thread root), never on who asks.
 *
 * We use `unstable_cache` rather than `'use cache'`: `'use cache'` needs Cache Components,
 * which forbids the route segment `revalidate = 60` the product asks for, and its entries
 * are keyed by build, while ours must only ever be invalidated by writes.
 */
export const CACHE_SECONDS = 60;

export function conversationTag(a: number, b: number): string {
  return `conv:${Math.min(a, b)}-${Math.max(a, b)}`;
}

export function threadTag(rootId: number): string {
  return `thread:${rootId}`;
}

/** CAIRO_CACHE=off serves every view from the database, for measuring and debugging. */
export function cachingEnabled(): boolean {
  return process.env.CAIRO_CACHE !== "off";
}

/**
 * Wraps a loader in Next's data cache: keyed by `name` and the arguments, tagged by
 * `tagOf(...args)`, kept for CACHE_SECONDS or until a write expires the tag. Outside the
 * Next server (tests, benchmarks, scripts) there is no data cache: it loads directly.
 */
export function cachedLoader<A extends (string | number | undefined)[], R>(
  name: string,
  load: (...args: A) => Promise<R>,
  tagOf: (...args: A) => string,
): (...args: A) => Promise<R> {
  return (...args) => {
    if (!cachingEnabled() || !process.env.NEXT_RUNTIME) return load(...args);
    const tag = tagOf(...args);
    const fill = async () => {
      const { result, count } = await countAsync(() => load(...args));
      stats.record(tag, "loads", 1);
      stats.record(tag, "statements", count);
      return result;
    };
    const keyParts = [name, ...args.map((arg) => String(arg ?? ""))];
    return unstable_cache(fill, keyParts, { revalidate: CACHE_SECONDS, tags: [tag] })();
  };
}

/**
 * Expires tags after a write. On several servers, Redis is told first and awaited, so every
 * server misses the entry before the write's response leaves. Then Next's own bookkeeping:
 * inside a server action `updateTag` makes the writer read their own write at once;
 * elsewhere (route handlers) `revalidateTag` with `expire: 0`. Outside the Next server
 * (tests, scripts) there is no data cache, so there is nothing to expire.
 */
export async function expireTags(tags: string[]): Promise<void> {
  if (!process.env.NEXT_RUNTIME) return;
  if (sharedMode()) await expireSharedTags(tags);
  for (const tag of tags) {
    stats.record(tag, "invalidations", 1);
    try {
      updateTag(tag);
    } catch {
      revalidateTag(tag, { expire: 0 });
    }
  }
}

type Counter = "loads" | "statements" | "invalidations";

/** Per-tag counters of cache fills and invalidations, read by the HTTP tests. */
const stats = processSingleton("cache-stats", () => ({
  byTag: new Map<string, Record<Counter, number>>(),
  record(tag: string, counter: Counter, amount: number) {
    if (process.env.CAIRO_DEBUG_STATS !== "1") return;
    const entry = this.byTag.get(tag) ?? { loads: 0, statements: 0, invalidations: 0 };
    entry[counter] += amount;
    this.byTag.set(tag, entry);
  },
}));

export function cacheStats(tag: string): Record<Counter, number> {
  return stats.byTag.get(tag) ?? { loads: 0, statements: 0, invalidations: 0 };
}
