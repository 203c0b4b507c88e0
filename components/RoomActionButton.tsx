"use client";

import { useActionState } from "react";
import { type FormAction, initialFormState } from "@/lib/platform/form-state";
import { FormError } from "./FormError";

/** A one-button form about a room ("Join", "Leave room"), saying why when it is refused. */
export function RoomActionButton({
  action,
  roomId,
  label,
  className,
  fields = {},
}: {
  action: FormAction;
  roomId: number;
  label: string;
  className?: string;
  /** More of the form's values, posted as hidden fields. */
  fields?: Record<string, string>;
}) {
  const [state, formAction, pending] = useActionState(action, initialFormState);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="roomId" value={roomId} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="submit"
        aria-busy={pending}
        className={
          className ??
          "rounded-lg px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-100"
        }
      >
        {label}
      </button>
      <FormError message={state.ok === false ? state.error : undefined} inline />
    </form>
  );
}
