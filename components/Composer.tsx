"use client";

import { type KeyboardEvent, useActionState, useEffect, useRef } from "react";
import { type FormAction, initialFormState } from "@/lib/form-state";
import { FormError } from "./FormError";
import { SubmitButton } from "./SubmitButton";

/** The message box: Enter sends, Shift+Enter starts a new line, failed text stays. */
export function Composer({ action, receiverId }: { action: FormAction; receiverId: number }) {
  const [state, submit] = useActionState(action, initialFormState);
  const textarea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (state.submittedAt) textarea.current?.focus();
  }, [state.submittedAt]);

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  }

  const error = state.fieldErrors?.content?.[0] ?? state.error;
  return (
    <form action={submit} className="flex flex-col gap-2" noValidate>
      <FormError message={error} />
      <input type="hidden" name="receiverId" value={receiverId} />
      <div className="flex items-end gap-2">
        <textarea
          ref={textarea}
          name="content"
          aria-label="Message"
          placeholder="Write a message…"
          rows={2}
          required
          defaultValue={state.ok === false ? state.values?.content : ""}
          key={state.submittedAt ?? "composer"}
          onKeyDown={onKeyDown}
          aria-invalid={Boolean(error) || undefined}
          className="min-h-12 flex-1 resize-y rounded-xl border border-slate-300 bg-white px-3 py-2 shadow-sm focus:border-brand-500"
        />
        <SubmitButton pendingLabel="Sending…">Send</SubmitButton>
      </div>
    </form>
  );
}
