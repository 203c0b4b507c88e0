"use client";

import { type FormEvent, useActionState, useRef, useState } from "react";
import { type FormAction, initialFormState } from "@/lib/form-state";
import { FormError } from "./FormError";
import { submitOnEnter } from "./keyboard";

interface ComposerProps {
  /** The server action: what the form does before JavaScript has loaded. */
  action: FormAction;
  receiverId: number;
  /** Makes the no-JavaScript form's send idempotent: a resubmission stores nothing twice. */
  formSendKey: string;
  /** With JavaScript: send optimistically; rejects when the server refuses. */
  onSend: (content: string) => Promise<void>;
  error?: string;
}

/**
 * The message box: Enter sends, Shift+Enter starts a new line. The text clears at once and
 * comes back, with the reason, if the send fails; focus stays in the box.
 */
export function Composer({ action, receiverId, formSendKey, onSend, error }: ComposerProps) {
  const [state, formAction] = useActionState(action, initialFormState);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const field = textarea.current;
    if (!field) return;
    const content = field.value;
    field.value = "";
    field.focus();
    setSending(true);
    try {
      await onSend(content);
    } catch {
      // Keep what was typed (unless the user has started a new message meanwhile).
      if (field.value === "") field.value = content;
    } finally {
      setSending(false);
    }
  }

  const shownError = error ?? state.fieldErrors?.content?.[0] ?? state.error;
  return (
    <form action={formAction} onSubmit={submit} className="flex flex-col gap-2" noValidate>
      <FormError message={shownError} />
      <input type="hidden" name="receiverId" value={receiverId} />
      <input type="hidden" name="idempotencyKey" value={formSendKey} />
      <div className="flex items-end gap-2">
        <textarea
          ref={textarea}
          name="content"
          aria-label="Message"
          placeholder="Write a message…"
          title="Enter sends, Shift+Enter starts a new line"
          rows={2}
          defaultValue={state.ok === false ? state.values?.content : ""}
          onKeyDown={(event) => submitOnEnter(event)}
          aria-invalid={Boolean(shownError) || undefined}
          className="min-h-12 flex-1 resize-y rounded-xl border border-slate-300 bg-white px-3 py-2 shadow-sm focus:border-brand-500"
        />
        <button
          type="submit"
          aria-busy={sending}
          className="rounded-lg bg-brand-600 px-4 py-2 font-medium text-white shadow-sm hover:bg-brand-700"
        >
          Send
        </button>
      </div>
    </form>
  );
}
