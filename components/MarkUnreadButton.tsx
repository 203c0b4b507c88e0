"use client";

import { useActionState, useEffect } from "react";
import { markUnreadAction } from "@/lib/actions/chat";
import { initialFormState } from "@/lib/platform/form-state";
import { FormError } from "./FormError";
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
      <FormError message={state.error} inline />
    </form>
  );
}
