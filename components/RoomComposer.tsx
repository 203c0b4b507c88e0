"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { sendRoomMessageAction } from "@/lib/actions/rooms";
import { initialFormState } from "@/lib/platform/form-state";
import { AttachFiles } from "./AttachFiles";
import { FormError } from "./FormError";
import { submitOnEnter } from "./keyboard";
import { newSendKey } from "./send-key";

/**
 * A room's message box: Enter sends, Shift+Enter starts a new line. The send key makes a
 * resubmitted form store nothing twice; a refused send keeps the text and says why. The key
 * changes after each stored send, so the next message is never taken for a retry of it.
 */
export function RoomComposer({ roomId, sendKey }: { roomId: number; sendKey: string }) {
  const [state, formAction, pending] = useActionState(sendRoomMessageAction, initialFormState);
  const form = useRef<HTMLFormElement>(null);
  const [key, setKey] = useState(sendKey);
  useEffect(() => {
    if (!state.ok) return;
    form.current?.reset();
    setKey(newSendKey());
  }, [state]);
  const error = state.fieldErrors?.content?.[0] ?? state.error;
  return (
    <form ref={form} action={formAction} className="flex flex-col gap-2" noValidate>
      <FormError message={error} />
      <input type="hidden" name="roomId" value={roomId} />
      <input type="hidden" name="idempotencyKey" value={key} />
      <AttachFiles clearOn={key} />
      <div className="flex items-end gap-2">
        <textarea
          id="composer"
          name="content"
          aria-label="Message"
          placeholder="Write a message…"
          rows={2}
          defaultValue={state.ok === false ? state.values?.content : ""}
          onKeyDown={submitOnEnter}
          aria-invalid={Boolean(error) || undefined}
          className="min-h-12 flex-1 resize-y rounded-xl border border-slate-300 bg-white px-3 py-2 shadow-sm focus:border-brand-500"
        />
        <button
          type="submit"
          aria-busy={pending}
          className="rounded-lg bg-brand-600 px-4 py-2 font-medium text-white shadow-sm hover:bg-brand-700"
        >
          Send
        </button>
      </div>
    </form>
  );
}
