"use client";

import { type KeyboardEvent, useActionState, useEffect, useRef } from "react";
import { replyAction } from "@/app/(chat)/actions";
import { initialFormState } from "@/lib/form-state";
import { FormError } from "./FormError";
import { useRefreshChat } from "./useRefreshChat";

/** Answers one message in place: Enter sends, Shift+Enter is a new line, Escape closes. */
export function ReplyForm({ parentId, onDone }: { parentId: number; onDone: () => void }) {
  const [state, submit, pending] = useActionState(replyAction, initialFormState);
  const textarea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => textarea.current?.focus(), []);
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
    <form action={submit} className="mt-2 flex flex-col gap-2" noValidate>
      <input type="hidden" name="parentMessageId" value={parentId} />
      <textarea
        ref={textarea}
        name="content"
        aria-label="Reply"
        placeholder="Write a reply…"
        defaultValue={state.values?.content}
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
          Send reply
        </button>
        <button
          type="button"
          onClick={onDone}
          className="rounded-md px-3 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100"
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
