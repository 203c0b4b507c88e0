"use client";

import { useEffect } from "react";

/** Keeps a chat scrolled to its newest message when one arrives. */
export function ScrollToEnd({ containerId, trigger }: { containerId: string; trigger: number }) {
  useEffect(() => {
    if (trigger < 0) return;
    const container = document.getElementById(containerId);
    container?.scrollTo({ top: container.scrollHeight });
  }, [containerId, trigger]);
  return null;
}
