"use client";

import { type KeyboardEvent, useActionState, useEffect, useRef } from "react";
import { editMessageAction } from "@/app/(chat)/actions";
import type { MessageView } from "@/lib/conversations";
import { initialFormState } from "@/lib/form-state";
import { FormError } from "./FormError";
import { useRefreshChat } from "./useRefreshChat";

/** Inline editing: Enter saves, Shift+Enter is a new line, Escape cancels. */
export function MessageEditor({
  message,
  onDone,
}: {
  message: Pick<MessageView, "id" | "content">;
  onDone: () => void;
}) {
  const [state, submit, pending] = useActionState(editMessageAction, initialFormState);
  const textarea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const field = textarea.current;
    field?.focus();
    field?.setSelectionRange(field.value.length, field.value.length);
  }, []);

  const refreshChat = useRefreshChat();
  useEffect(() => {
    if (!state.ok) return;
    refreshChat();
    onDone();
  }, [state, onDone, refreshChat]);

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Escape") {
      event.preventDefault();
      onDone();
    } else if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  }

  const error = state.fieldErrors?.content?.[0] ?? state.error;
  return (
    <form action={submit} className="mt-1 flex flex-col gap-2" noValidate>
      <input type="hidden" name="messageId" value={message.id} />
      <textarea
        ref={textarea}
        name="content"
        aria-label="Edit message"
        defaultValue={state.values?.content ?? message.content}
        onKeyDown={onKeyDown}
        rows={2}
        className="w-full resize-y rounded-lg border border-slate-300 px-3 py-2 focus:border-brand-500"
      />
      <FormError message={error} />
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-brand-600 px-3 py-1 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          Save
        </button>
        <button
          type="button"
          onClick={onDone}
          className="rounded-md px-3 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100"
        >
          Cancel
        </button>
        <span className="self-center text-xs text-slate-500">Enter to save · Esc to cancel</span>
      </div>
    </form>
  );
}
