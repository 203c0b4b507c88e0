"use client";

import { useActionState, useEffect, useRef } from "react";
import { type FormAction, initialFormState } from "@/lib/platform/form-state";
import { FormError } from "./FormError";
import { submitOnEnter } from "./keyboard";
import { useRefreshChat } from "./useRefreshChat";

interface InlineMessageFormProps {
  action: FormAction;
  /** Hidden fields that say what the text is for (the message edited, the parent replied to). */
  fields: Record<string, string | number>;
  label: string;
  submitLabel: string;
  initialText?: string;
  placeholder?: string;
  onDone: () => void;
}

/**
 * A message text edited in place (an edit, a reply): focused on open, Enter submits,
 * Shift+Enter is a new line, Escape or "Cancel" closes it; on success the chat refreshes.
 */
export function InlineMessageForm({
  action,
  fields,
  label,
  submitLabel,
  initialText = "",
  placeholder,
  onDone,
}: InlineMessageFormProps) {
  const [state, submit, pending] = useActionState(action, initialFormState);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const refreshChat = useRefreshChat();

  useEffect(() => {
    const field = textarea.current;
    field?.focus();
    field?.setSelectionRange(field.value.length, field.value.length);
  }, []);

  useEffect(() => {
    if (!state.ok) return;
    refreshChat();
    onDone();
  }, [state, onDone, refreshChat]);

  return (
    <form action={submit} className="mt-1 flex flex-col gap-2" noValidate>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <textarea
        ref={textarea}
        name="content"
        aria-label={label}
        placeholder={placeholder}
        defaultValue={state.values?.content ?? initialText}
        onKeyDown={(event) => submitOnEnter(event, onDone)}
        rows={2}
        className="w-full resize-y rounded-lg border border-slate-300 px-3 py-2 focus:border-brand-500"
      />
      <FormError message={state.fieldErrors?.content?.[0] ?? state.error} />
      <div className="flex flex-wrap gap-2">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-brand-600 px-3 py-1 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {submitLabel}
        </button>
        <button
          type="button"
          onClick={onDone}
          className="rounded-md px-3 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100"
        >
          Cancel
        </button>
        <span className="self-center text-xs text-slate-500">
          Enter: {submitLabel.toLowerCase()} · Esc: cancel
        </span>
      </div>
    </form>
  );
}
