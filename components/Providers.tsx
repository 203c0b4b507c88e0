"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { LiveUpdates } from "./LiveUpdates";
import { PresenceTracker } from "./PresenceTracker";

/** The client-side state of the chat: react-query's cache, kept fresh by the live stream. */
export function Providers({
  children,
  liveSince,
}: {
  children: React.ReactNode;
  /** The newest live event when the page was rendered (see LiveUpdates). */
  liveSince: string | null;
}) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 30_000, retry: 2 } },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <LiveUpdates since={liveSince} />
      <PresenceTracker />
      {children}
    </QueryClientProvider>
  );
}
