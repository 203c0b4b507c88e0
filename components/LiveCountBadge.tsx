"use client";

import { useQuery } from "@tanstack/react-query";
import type { UnreadCounts } from "@/lib/unread/notifications";
import { CountBadge } from "./CountBadge";
import { chatKeys, fetchCounts } from "./chat-api";

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
