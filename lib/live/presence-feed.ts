import { processSingleton } from "@/db/singleton";
import type { EventBus } from "./bus";
import { presenceChanged } from "./events";
import { type PresenceStore, presenceStore } from "./presence-store";
import type { PresenceState } from "./types";

/** How often each server tells its streams' users what changed among the colleagues they view. */
export const PRESENCE_TICK_MS = 10_000;

/** What each local user was last told: colleague -> state. */
export type Told = Map<number, Map<number, PresenceState>>;

/**
 * One batched round of the presence feed on this server: for the users with a stream here,
 * the states of the colleagues they have in view (at most MAX_WATCHED each), read in one
 * batch, and to each user ONE event with only what changed since they were last told —
 * nothing at all when nothing did. The cost grows with the colleagues in view, never with
 * everyone times everyone, and a ping never fans out by itself.
 */
export async function presenceRound(
  bus: Pick<EventBus, "localUsers" | "deliverHere">,
  store: PresenceStore,
  told: Told,
  now = Date.now(),
): Promise<number> {
  const users = [...bus.localUsers()];
  for (const userId of told.keys()) if (!users.includes(userId)) told.delete(userId);
  if (users.length === 0) return 0;
  const watching = await store.watching(users);
  const everyone = new Set<number>();
  for (const ids of watching.values()) for (const id of ids) everyone.add(id);
  const states = await store.states([...everyone], now);
  let sent = 0;
  for (const [userId, ids] of watching) {
    const before = told.get(userId) ?? new Map<number, PresenceState>();
    const changed: [number, PresenceState][] = [];
    for (const id of ids) {
      const state = states.get(id) ?? "offline";
      if (before.get(id) !== state) changed.push([id, state]);
      before.set(id, state);
    }
    told.set(userId, before);
    if (changed.length === 0) continue;
    bus.deliverHere(userId, presenceChanged(changed));
    sent++;
  }
  return sent;
}

/** Starts this server's presence feed once (the first stream opening starts it). */
export function startPresenceFeed(bus: EventBus, store: PresenceStore = presenceStore()): void {
  processSingleton("presence-feed", () => {
    const told: Told = new Map();
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      presenceRound(bus, store, told)
        .catch((error: Error) => console.error("[presence] round failed:", error.message))
        .finally(() => {
          running = false;
        });
    }, PRESENCE_TICK_MS);
    timer.unref?.();
    return timer;
  });
}
