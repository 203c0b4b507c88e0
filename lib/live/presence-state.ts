import type { PresenceState } from "./types";

/** A tab used within this long makes its person active. */
export const ACTIVE_MS = 5 * 60_000;
/** A tab says it is being used at most this often. */
export const ACTIVITY_PING_MS = 60_000;

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
