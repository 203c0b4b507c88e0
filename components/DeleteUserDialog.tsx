"use client";

import { useActionState, useId, useRef } from "react";
import { type FormAction, initialFormState } from "@/lib/platform/form-state";
import { ACTION_BUTTON } from "./AdminRowAction";
import { FormError } from "./FormError";
import { SubmitButton } from "./SubmitButton";

/** "Delete account" on a user's row: a native dialog that names the user asks first. */
export function DeleteUserDialog({
  action,
  user,
}: {
  action: FormAction;
  user: { id: number; name: string; email: string };
}) {
  const [state, submit] = useActionState(action, initialFormState);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  return (
    <div className="flex flex-col items-start gap-1">
      <button
        type="button"
        className={`rounded-lg font-medium shadow-sm ${ACTION_BUTTON} !text-red-700`}
        onClick={() => dialog.current?.showModal()}
      >
        Delete account
      </button>
      <FormError message={state.error} inline />
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto max-w-md rounded-xl p-5 shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id={titleId} className="mb-2 text-lg font-semibold">
          Delete the account of <bdi>{user.name}</bdi>?
        </h2>
        <p className="mb-4 text-sm text-slate-600">
          <bdi>{user.name}</bdi> (<bdi>{user.email}</bdi>) and every message, reply, notification
          and session of theirs will be removed for good, as if they had deleted the account
          themselves. This cannot be undone.
        </p>
        <form
          action={(form) => {
            dialog.current?.close();
            submit(form);
          }}
          className="flex justify-end gap-2"
        >
          <input type="hidden" name="userId" value={user.id} />
          <button
            type="button"
            className="rounded-lg px-4 py-2 text-sm font-medium ring-1 ring-slate-300"
            onClick={() => dialog.current?.close()}
          >
            Cancel
          </button>
          <SubmitButton pendingLabel="Deleting…" className="bg-red-600 hover:bg-red-700">
            Delete permanently
          </SubmitButton>
        </form>
      </dialog>
    </div>
  );
}
