"use client";

import { useActionState } from "react";
import { type FormAction, initialFormState } from "@/lib/platform/form-state";
import { FormError } from "./FormError";
import { SubmitButton } from "./SubmitButton";

/** "Send read receipts": off hides "Seen" both ways, as in Zulip. */
export function ReadReceiptsForm({ action, enabled }: { action: FormAction; enabled: boolean }) {
  const [state, submit] = useActionState(action, initialFormState);
  return (
    <form action={submit} className="flex max-w-md flex-col gap-3">
      <FormError message={state.error} />
      <label className="flex items-start gap-2">
        <input
          type="checkbox"
          name="readReceipts"
          defaultChecked={enabled}
          aria-describedby="read-receipts-hint"
          className="mt-1 h-4 w-4"
        />
        <span>Send read receipts</span>
      </label>
      <p id="read-receipts-hint" className="text-sm text-slate-600">
        In direct messages, people see “Seen” under the messages you have read. Turned off, they do
        not, and you do not see whether they have read yours.
      </p>
      <SubmitButton pendingLabel="Saving…">Save read receipts</SubmitButton>
      <p role="status" className="text-sm text-emerald-700">
        {state.ok ? "Read receipts saved." : ""}
      </p>
    </form>
  );
}
