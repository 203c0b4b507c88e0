"use client";

import { useActionState } from "react";
import { type FormAction, initialFormState } from "@/lib/platform/form-state";
import { FormError } from "./FormError";
import { SubmitButton } from "./SubmitButton";

/** One admin action on one user's row: a button, and the refusal beside it if any. */
export function AdminRowAction({
  action,
  userId,
  label,
  pendingLabel,
  field = "userId",
}: {
  action: FormAction;
  /** The id of the row's subject (a user's, or a room's with `field` "roomId"). */
  userId: number;
  label: string;
  pendingLabel: string;
  field?: "userId" | "roomId";
}) {
  const [state, submit] = useActionState(action, initialFormState);
  return (
    <form action={submit} className="flex flex-col items-start gap-1">
      <input type="hidden" name={field} value={userId} />
      <SubmitButton pendingLabel={pendingLabel} className={ACTION_BUTTON}>
        {label}
      </SubmitButton>
      <FormError message={state.error} inline />
    </form>
  );
}

export const ACTION_BUTTON =
  "!bg-white !px-2.5 !py-1 text-xs !text-slate-700 ring-1 ring-slate-300 hover:!bg-slate-50";
