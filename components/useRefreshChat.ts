"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";

/** After a write of our own: refetch the chat views now rather than wait for the stream. */
export function useRefreshChat() {
  const queryClient = useQueryClient();
  return useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: ["conversation"] });
    void queryClient.invalidateQueries({ queryKey: ["thread"] });
    void queryClient.invalidateQueries({ queryKey: ["counts"] });
  }, [queryClient]);
}
