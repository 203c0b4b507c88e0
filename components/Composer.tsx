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
import { MentionField } from "./MentionField";
import { newSendKey } from "./send-key";

/** Where a composer writes: a direct conversation (to a receiver) or a room. */
export type ComposerPlace = { receiverId: number } | { roomId: number };

interface ComposerProps {
  /** The server action: what the form does before JavaScript has loaded. */
  action: FormAction;
  place: ComposerPlace;
  /** Makes the no-JavaScript form's send idempotent: a resubmission stores nothing twice. */
  formSendKey: string;
  /**
   * With JavaScript: send through the JSON API; rejects when the server refuses. Without it
   * (before JavaScript has loaded), the form posts to `action`, and a stored send clears the
   * box and takes a new key.
   */
  onSend?: (content: string, attachmentIds: number[]) => Promise<void>;
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
 * The message box of direct conversations and rooms: Enter sends, Shift+Enter starts a new
 * line, Up arrow in an empty box edits your last message, `@` suggests who to mention.
 * Focused when the conversation opens. The text clears at once and comes back, with the
 * reason, if the send fails; focus stays in the box.
 */
export function Composer({ action, place, formSendKey, onSend, error, onEditLast }: ComposerProps) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  const form = useRef<HTMLFormElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [sending, setSending] = useState(false);
  // The send key of the form's own posts: a new one after each stored send, so the next
  // message is never taken for a retry of the last.
  const [sendKey, setSendKey] = useState(formSendKey);
  // Counts the optimistic sends that carried files: each clears the attachment chips.
  const [sentWithFiles, setSentWithFiles] = useState(0);

  useEffect(() => {
    textarea.current?.focus({ preventScroll: true });
  }, []);

  useEffect(() => {
    if (onSend || !state.ok) return;
    form.current?.reset();
    setSendKey(newSendKey());
  }, [state, onSend]);

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
    if (!onSend) return;
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
      if (attachmentIds.length > 0) setSentWithFiles((count) => count + 1);
    } catch {
      // Keep what was typed (unless the user has started a new message meanwhile).
      if (field.value === "") field.value = content;
    } finally {
      setSending(false);
    }
  }

  const shownError = error ?? state.fieldErrors?.content?.[0] ?? state.error;
  const inRoom = "roomId" in place;
  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={submit}
      className="flex flex-col gap-2"
      noValidate
    >
      <FormError message={shownError} />
      {inRoom ? (
        <input type="hidden" name="roomId" value={place.roomId} />
      ) : (
        <input type="hidden" name="receiverId" value={place.receiverId} />
      )}
      <input type="hidden" name="idempotencyKey" value={sendKey} />
      <AttachFiles clearOn={onSend ? sentWithFiles || undefined : sendKey} />
      <div className="flex items-end gap-2">
        <MentionField
          ref={textarea}
          place={inRoom ? { roomId: place.roomId } : { userId: place.receiverId }}
          id={COMPOSER_ID}
          name="content"
          aria-label="Message"
          placeholder="Write a message…"
          title={
            onEditLast
              ? "Enter sends, Shift+Enter starts a new line, Up arrow edits your last message, @ mentions"
              : "Enter sends, Shift+Enter starts a new line, @ mentions"
          }
          rows={2}
          defaultValue={state.ok === false ? state.values?.content : ""}
          onKeyDown={onKeyDown}
          aria-invalid={Boolean(shownError) || undefined}
          className="min-h-12 w-full resize-y rounded-xl border border-slate-300 bg-white px-3 py-2 shadow-sm focus:border-brand-500"
        />
        <button
          type="submit"
          aria-busy={sending || pending}
          className="rounded-lg bg-brand-600 px-4 py-2 font-medium text-white shadow-sm hover:bg-brand-700"
        >
          Send
        </button>
      </div>
    </form>
  );
}
