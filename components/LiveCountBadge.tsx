"use client";

import { useQuery } from "@tanstack/react-query";
import { chatKeys } from "@/lib/live/query-keys";
import type { UnreadCounts } from "@/lib/unread/notifications";
import { CountBadge } from "./CountBadge";
import { fetchCounts } from "./chat-api";

/** A navigation badge that follows the live unread counts. */
export function LiveCountBadge({
  kind,
  initial,
}: {
  kind: keyof UnreadCounts;
  initial: UnreadCounts;
}) {
  const { data } = useQuery({
    queryKey: chatKeys.counts,
    queryFn: fetchCounts,
    initialData: initial,
  });
  return <CountBadge count={data[kind]} />;
}
