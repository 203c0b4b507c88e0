"use client";

import {
  type FormEvent,
  type KeyboardEvent,
  useActionState,
  useEffect,
  useRef,
  useState,
} from "react";
import { type FormAction, initialFormState } from "@/lib/platform/form-state";
import { AttachFiles } from "./AttachFiles";
import { FormError } from "./FormError";
import { submitOnEnter } from "./keyboard";

interface ComposerProps {
  /** The server action: what the form does before JavaScript has loaded. */
  action: FormAction;
  receiverId: number;
  /** Makes the no-JavaScript form's send idempotent: a resubmission stores nothing twice. */
  formSendKey: string;
  /** With JavaScript: send optimistically; rejects when the server refuses. */
  onSend: (content: string, attachmentIds: number[]) => Promise<void>;
  error?: string;
  /** Up arrow in the empty box: edit your last message. True when there was one to edit. */
  onEditLast?: () => boolean;
}

/** The composer's id: the skip link's target, and where focus returns after an edit. */
export const COMPOSER_ID = "composer";

/** Puts the caret back in the composer (after an edit, a cancel, "Jump to latest"). */
export function focusComposer() {
  document.getElementById(COMPOSER_ID)?.focus({ preventScroll: true });
}

/**
 * The message box: Enter sends, Shift+Enter starts a new line, Up arrow in an empty box
 * edits your last message. Focused when the conversation opens. The text clears at once and
 * comes back, with the reason, if the send fails; focus stays in the box.
 */
export function Composer({
  action,
  receiverId,
  formSendKey,
  onSend,
  error,
  onEditLast,
}: ComposerProps) {
  const [state, formAction] = useActionState(action, initialFormState);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(0);

  useEffect(() => {
    textarea.current?.focus({ preventScroll: true });
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    const plainUp =
      event.key === "ArrowUp" &&
      !event.shiftKey &&
      !event.altKey &&
      !event.ctrlKey &&
      !event.metaKey;
    if (plainUp && event.currentTarget.value === "" && onEditLast?.()) {
      event.preventDefault();
      return;
    }
    submitOnEnter(event);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const field = textarea.current;
    if (!field) return;
    const content = field.value;
    const attachmentIds = String(new FormData(event.currentTarget).get("attachmentIds") ?? "")
      .split(",")
      .filter(Boolean)
      .map(Number);
    field.value = "";
    field.focus();
    setSending(true);
    try {
      await onSend(content, attachmentIds);
      if (attachmentIds.length > 0) setSent((count) => count + 1);
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
      <AttachFiles clearOn={sent || undefined} />
      <div className="flex items-end gap-2">
        <textarea
          ref={textarea}
          id={COMPOSER_ID}
          name="content"
          aria-label="Message"
          placeholder="Write a message…"
          title="Enter sends, Shift+Enter starts a new line, Up arrow edits your last message"
          rows={2}
          defaultValue={state.ok === false ? state.values?.content : ""}
          onKeyDown={onKeyDown}
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
