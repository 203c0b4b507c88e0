import type { LiveEvent } from "./types";

export type Listener = (event: LiveEvent) => void;

/** This server's listeners, by user: what every bus hands its events to. */
export function createListeners() {
  const byUser = new Map<number, Set<Listener>>();
  return {
    deliver(event: LiveEvent) {
      for (const listener of byUser.get(event.userId) ?? []) listener(event);
    },
    /** The users with a listener on this server. */
    users(): Iterable<number> {
      return byUser.keys();
    },
    has(userId: number): boolean {
      return byUser.has(userId);
    },
    count(): number {
      return byUser.size;
    },
    /** Adds a listener for `userId`; returns the function that removes it. */
    add(userId: number, listener: Listener): () => void {
      let set = byUser.get(userId);
      if (!set) {
        set = new Set();
        byUser.set(userId, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) byUser.delete(userId);
      };
    },
  };
}
