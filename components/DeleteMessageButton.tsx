"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { deleteMessageAction } from "@/lib/actions/chat";
import { initialFormState } from "@/lib/platform/form-state";
import { FormError } from "./FormError";
import { useRefreshChat } from "./useRefreshChat";

/**
 * "Delete", then an inline confirmation, so a slip of the mouse deletes nothing. Escape or
 * "Cancel" closes the confirmation and gives the focus back to "Delete".
 */
export function DeleteMessageButton({
  messageId,
  className,
}: {
  messageId: number;
  className: string;
}) {
  const [confirming, setConfirming] = useState(false);
  const [state, submit, pending] = useActionState(deleteMessageAction, initialFormState);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
    else if (wasConfirming.current) deleteButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const refreshChat = useRefreshChat();
  useEffect(() => {
    if (state.ok) refreshChat();
  }, [state, refreshChat]);

  if (!confirming) {
    return (
      <button
        ref={deleteButton}
        type="button"
        className={className}
        onClick={() => setConfirming(true)}
      >
        Delete
      </button>
    );
  }
  return (
    <form
      action={submit}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          setConfirming(false);
        }
      }}
      className="flex flex-wrap items-center gap-1 rounded bg-red-50 px-2 py-0.5"
    >
      <input type="hidden" name="messageId" value={messageId} />
      <span className="text-xs text-red-800">Delete this message?</span>
      <button
        ref={confirmButton}
        type="submit"
        disabled={pending}
        className="rounded bg-red-600 px-2 py-0.5 text-xs font-medium text-white hover:bg-red-700"
      >
        Yes, delete
      </button>
      <button type="button" className={className} onClick={() => setConfirming(false)}>
        Cancel
      </button>
      <FormError message={state.error} inline />
    </form>
  );
}
