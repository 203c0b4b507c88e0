"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { PresenceMap } from "@/lib/live/apply-signals";
import { ACTIVITY_PING_MS } from "@/lib/live/presence-state";
import { signalKeys } from "@/lib/live/query-keys";
import type { PresenceState } from "@/lib/live/types";
import { lastToldActive, onWatchedChange, watchedColleagues } from "./presence-watch";

const ACTIVITY = ["pointerdown", "keydown", "wheel", "touchstart"] as const;
/** The dots of one render mount together: one ping for all of them. */
const GATHER_MS = 300;

/**
 * This tab's side of presence: says the tab is used (its first render, then input, at most
 * once per ACTIVITY_PING_MS) and which colleagues it shows (when that changes), and puts the
 * answer in the dots' state. The changes that follow come on the live stream.
 */
export function PresenceTracker() {
  const queryClient = useQueryClient();
  useEffect(() => {
    let lastActive = 0;
    let pendingActive = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ping = async () => {
      const active = pendingActive;
      pendingActive = false;
      timer = undefined;
      const response = await fetch("/api/presence", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ active, watch: watchedColleagues() }),
      }).catch(() => undefined);
      if (!response?.ok) return;
      const { presence } = (await response.json()) as { presence: [number, PresenceState][] };
      queryClient.setQueryData<PresenceMap>(signalKeys.presence, (map) => ({
        ...map,
        ...Object.fromEntries(presence),
      }));
    };
    const schedule = (active: boolean) => {
      if (active) {
        lastActive = Date.now();
        pendingActive = true;
      }
      timer ??= setTimeout(() => void ping(), GATHER_MS);
    };
    const used = () => {
      const told = Math.max(lastActive, lastToldActive());
      if (Date.now() - told >= ACTIVITY_PING_MS) schedule(true);
    };
    // Opening the page is using it.
    schedule(true);
    for (const kind of ACTIVITY) window.addEventListener(kind, used, { passive: true });
    const stop = onWatchedChange(() => schedule(false));
    return () => {
      stop();
      clearTimeout(timer);
      for (const kind of ACTIVITY) window.removeEventListener(kind, used);
    };
  }, [queryClient]);
  return null;
}
