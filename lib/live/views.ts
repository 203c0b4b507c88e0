import type { QueryKey } from "@tanstack/react-query";
import type { UnreadCounts } from "@/lib/unread/notifications";

/**
 * The views a live event may change, wherever they are held: react-query's cache in the
 * browser (applyLiveEvent in lib/live/apply.ts), the benchmark's simulated client
 * (bench/users/worker.ts).
 */
export interface LiveViews {
  /** Whose views these are: a room event counts only others' messages as unread. */
  viewerId: number;
  /** The view held under `key`, or undefined when nothing shows it. */
  get<T>(key: QueryKey): T | undefined;
  /** Replaces a view with the event applied. */
  replace<T>(key: QueryKey, data: T): void;
  /** The unread counts the event carries, or the held ones with the event applied. */
  setCounts(counts: UnreadCounts): void;
  /** Fetches a view again (when it shows somewhere). */
  refetch(key: QueryKey): void;
}
