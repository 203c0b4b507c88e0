"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { chatKeys } from "@/lib/live/query-keys";
import { subthread, type ThreadMessage } from "@/lib/messaging/subthread";
import { fetchThread } from "./chat-api";
import { ThreadReplyBox } from "./ThreadReplyBox";
import { ThreadTree } from "./ThreadTree";

interface ThreadViewProps {
  rootId: number;
  initial: ThreadMessage[];
  viewerId: number;
  highlightId: number;
  /** Show only the branch under highlightId ("Continue this thread"). */
  branch: boolean;
}

/**
 * The live thread: rendered by the server, refetched when the live stream says it changed,
 * with its own reply box under the tree (answering the root, or the reply chosen).
 */
export function ThreadView({ rootId, initial, viewerId, highlightId, branch }: ThreadViewProps) {
  const query = useQuery({
    queryKey: chatKeys.thread(rootId),
    queryFn: () => fetchThread(rootId).then((thread) => thread.messages),
    initialData: initial,
  });
  const [replyTo, setReplyTo] = useState<{ id: number; picked: number } | null>(null);
  const pick = useCallback(
    (id: number) => setReplyTo((current) => ({ id, picked: (current?.picked ?? 0) + 1 })),
    [],
  );
  const backToRoot = useCallback(
    () => setReplyTo((current) => (current ? { id: -1, picked: current.picked } : null)),
    [],
  );
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
  const root = messages[0];
  if (!root) return null;
  const parent = messages.find((m) => m.id === replyTo?.id && !m.deleted) ?? root;
  return (
    <div className="flex flex-col gap-3">
      <ThreadTree
        messages={messages}
        viewerId={viewerId}
        highlightId={highlightId}
        onReply={pick}
      />
      {root.deleted && parent === root ? (
        <p className="text-center text-sm text-slate-500">
          The first message was deleted: reply to one of the replies.
        </p>
      ) : (
        <ThreadReplyBox
          parent={parent}
          isRoot={parent === root}
          onReset={backToRoot}
          focusKey={replyTo?.picked ?? 0}
        />
      )}
    </div>
  );
}
