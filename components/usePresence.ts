"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { PresenceMap } from "@/lib/live/apply-signals";
import { signalKeys } from "@/lib/live/query-keys";

/** Colleague id -> presence, set by pings' answers and live events (never refetched). */
export function usePresenceMap(): PresenceMap {
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: signalKeys.presence,
    // A resync refetches every query: presence is kept as it is (its changes come live).
    queryFn: async () => queryClient.getQueryData<PresenceMap>(signalKeys.presence) ?? {},
    initialData: {},
    staleTime: Number.POSITIVE_INFINITY,
  });
  return data;
}
