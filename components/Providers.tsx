"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { LiveUpdates } from "./LiveUpdates";
import { PresenceTracker } from "./PresenceTracker";

/** The client-side state of the chat: react-query's cache, kept fresh by the live stream. */
export function Providers({
  children,
  liveSince,
  viewerId,
}: {
  children: React.ReactNode;
  /** The newest live event when the page was rendered (see LiveUpdates). */
  liveSince: string | null;
  /** The signed-in user: whose unread counts the live events change. */
  viewerId: number;
}) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 30_000, retry: 2 } },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <LiveUpdates since={liveSince} viewerId={viewerId} />
      <PresenceTracker />
      {children}
    </QueryClientProvider>
  );
}
