import type { PresenceState } from "./types";

/** A tab says it is being used at most this often (PresenceTracker). */
export const ACTIVITY_PING_MS = 2 * 60_000;
/**
 * A tab told used within this long makes its person active: 5 minutes after its last use.
 * The server hears of a use up to ACTIVITY_PING_MS late, so the window is centred on that
 * (5 minutes plus half the interval) and errs at most a minute either way. Pings every 2
 * minutes rather than every minute halve their cost at the same accuracy: a 1-minute ping
 * with a 5-minute window erred up to a minute early.
 */
export const ACTIVE_MS = 5 * 60_000 + ACTIVITY_PING_MS / 2;

/**
 * THE presence rule: offline without an open stream (a deactivated account has none: its
 * sessions end and their streams close), active when one of the person's tabs was used in
 * the last ACTIVE_MS, away otherwise.
 */
export function presenceState(
  { online, lastActiveAt }: { online: boolean; lastActiveAt: number | undefined },
  now: number,
): PresenceState {
  if (!online) return "offline";
  return lastActiveAt !== undefined && now - lastActiveAt < ACTIVE_MS ? "active" : "away";
}
