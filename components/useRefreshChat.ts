"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { liveConnected } from "./live-connection";

/**
 * After a write of our own: refetch the chat views now, unless the live stream is open (the
 * write's event, published before the write answered, carries the change to every view).
 */
export function useRefreshChat() {
  const queryClient = useQueryClient();
  return useCallback(() => {
    if (liveConnected()) return;
    void queryClient.invalidateQueries({ queryKey: ["conversation"] });
    void queryClient.invalidateQueries({ queryKey: ["thread"] });
    void queryClient.invalidateQueries({ queryKey: ["counts"] });
  }, [queryClient]);
}
