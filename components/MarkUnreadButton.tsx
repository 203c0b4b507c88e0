"use client";

import { useActionState, useEffect } from "react";
import { markUnreadAction } from "@/app/(chat)/actions";
import { initialFormState } from "@/lib/form-state";
import { keepUnread } from "./MarkSeen";
import { useRefreshChat } from "./useRefreshChat";

export function MarkUnreadButton({
  messageId,
  className,
}: {
  messageId: number;
  className: string;
}) {
  const [state, submit, pending] = useActionState(markUnreadAction, initialFormState);
  const refreshChat = useRefreshChat();
  useEffect(() => {
    if (state.ok) refreshChat();
  }, [state, refreshChat]);
  return (
    <form action={submit} onSubmit={() => keepUnread(messageId)} className="inline">
      <input type="hidden" name="messageId" value={messageId} />
      <button type="submit" disabled={pending} className={className}>
        Mark as unread
      </button>
      {state.error && (
        <span role="alert" className="text-xs text-red-700">
          {state.error}
        </span>
      )}
    </form>
  );
}
