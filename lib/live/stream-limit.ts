import { processSingleton } from "@/db/singleton";

/** Open event streams a user may hold at once (EVENT_STREAMS_PER_USER, 10 by default). */
export function maxStreamsPerUser(value = process.env.EVENT_STREAMS_PER_USER): number {
  const max = Number(value ?? 10);
  return Number.isSafeInteger(max) && max > 0 ? max : 10;
}

const open = processSingleton("live-open-streams", () => new Map<number, number>());

/**
 * Takes one of the user's stream slots: a release function (idempotent) to call when the
 * stream closes, or null when all slots are taken.
 */
export function acquireStreamSlot(userId: number, max = maxStreamsPerUser()): (() => void) | null {
  const count = open.get(userId) ?? 0;
  if (count >= max) return null;
  open.set(userId, count + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (open.get(userId) ?? 1) - 1;
    if (left > 0) open.set(userId, left);
    else open.delete(userId);
  };
}

/** Event streams open on this server, all users together (the admin overview shows it). */
export function openStreamCount(): number {
  let total = 0;
  for (const count of open.values()) total += count;
  return total;
}
