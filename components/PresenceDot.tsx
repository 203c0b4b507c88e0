"use client";

import { useEffect } from "react";
import type { PresenceState } from "@/lib/live/types";
import { watchColleague } from "./presence-watch";
import { usePresenceMap } from "./usePresence";

export const PRESENCE_LABELS: Record<PresenceState, string> = {
  active: "Active",
  away: "Away",
  offline: "Offline",
};

// A filled dot for active and away, a hollow one for offline: told apart without colour too.
const LOOKS: Record<PresenceState, string> = {
  active: "bg-emerald-600",
  away: "bg-amber-500",
  offline: "bg-white border-2 border-slate-500",
};

/**
 * A colleague's presence as a small dot (an image named "Active", "Away" or "Offline", the
 * same as its tooltip), for beside an avatar. Nothing until the state is known.
 */
export function PresenceDot({ userId, className = "" }: { userId: number; className?: string }) {
  const presence = usePresenceMap();
  useEffect(() => watchColleague(userId), [userId]);
  const state = presence[userId];
  if (!state) return null;
  const label = PRESENCE_LABELS[state];
  return (
    <span
      role="img"
      aria-label={label}
      title={label}
      data-presence={state}
      className={`inline-block h-3 w-3 shrink-0 rounded-full ring-2 ring-white ${LOOKS[state]} ${className}`}
    />
  );
}
