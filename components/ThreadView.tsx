"use client";

import { useQuery } from "@tanstack/react-query";
import { subthread, type ThreadMessage } from "@/lib/thread-view";
import { chatKeys, fetchThread } from "./chat-api";
import { ThreadTree } from "./ThreadTree";

interface ThreadViewProps {
  rootId: number;
  initial: ThreadMessage[];
  viewerId: number;
  highlightId: number;
  /** Show only the branch under highlightId ("Continue this thread"). */
  branch: boolean;
}

/** The live thread: rendered by the server, refetched when the live stream says it changed. */
export function ThreadView({ rootId, initial, viewerId, highlightId, branch }: ThreadViewProps) {
  const query = useQuery({
    queryKey: chatKeys.thread(rootId),
    queryFn: () => fetchThread(rootId).then((thread) => thread.messages),
    initialData: initial,
  });
  if (query.isError && query.error && "status" in query.error && query.error.status === 404) {
    return (
      <p
        role="status"
        className="rounded-xl bg-white p-6 text-center text-slate-600 ring-1 ring-slate-200"
      >
        This thread is no longer available.
      </p>
    );
  }
  const messages = branch ? subthread(query.data, highlightId) : query.data;
  return <ThreadTree messages={messages} viewerId={viewerId} highlightId={highlightId} />;
}
