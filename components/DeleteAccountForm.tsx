"use client";

import { useActionState, useEffect, useId, useRef, useState } from "react";
import { type FormAction, initialFormState } from "@/lib/platform/form-state";
import { FormError } from "./FormError";
import { FormField } from "./FormField";
import { SubmitButton } from "./SubmitButton";
import { useFocusOnError } from "./useFocusOnError";

/**
 * The password, then a dialog that names what will be lost and asks for the account's email:
 * a filled form and one click never delete an account. The password field is not offered to
 * password managers ("off", and the managers' own opt-outs), so it is typed on purpose. An
 * account of single sign-on alone has no password: the typed email is its confirmation.
 */
export function DeleteAccountForm({
  action,
  email,
  losses,
  hasPassword,
}: {
  action: FormAction;
  email: string;
  losses: string[];
  hasPassword: boolean;
}) {
  const [state, submit] = useActionState(action, initialFormState);
  const form = useRef<HTMLFormElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [typed, setTyped] = useState("");
  const confirmed = typed.trim().toLowerCase() === email.toLowerCase();

  // A refusal (wrong password, say) closes the dialog before the focus goes to the field.
  useEffect(() => {
    if (state.ok === false) {
      dialog.current?.close();
      setTyped("");
    }
  }, [state]);
  useFocusOnError(state, form, "password");

  return (
    <form ref={form} action={submit} className="flex max-w-sm flex-col gap-3" noValidate>
      <FormError message={state.fieldErrors?.password ? undefined : state.error} />
      {hasPassword ? (
        <FormField
          label="Password"
          name="password"
          type="password"
          autoComplete="off"
          data-1p-ignore="true"
          data-lpignore="true"
          data-bwignore="true"
          required
          errors={state.fieldErrors?.password}
        />
      ) : (
        <p className="text-sm text-slate-700">
          You sign in with single sign-on: typing your email in the next step confirms.
        </p>
      )}
      <button
        type="button"
        onClick={() => dialog.current?.showModal()}
        className="self-start rounded-lg bg-red-600 px-4 py-2 font-medium text-white shadow-sm hover:bg-red-700"
      >
        Delete my account
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        onClose={() => setTyped("")}
        className="m-auto max-w-md rounded-xl p-5 shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id={titleId} className="mb-2 text-lg font-semibold text-red-700">
          Delete your account?
        </h2>
        <p className="mb-2 text-sm text-slate-700">
          The account <strong>{email}</strong> goes for good, and with it, for you and for everyone
          you talked to:
        </p>
        <ul className="mb-3 list-disc pl-6 text-sm text-slate-700">
          {losses.map((loss) => (
            <li key={loss}>{loss}</li>
          ))}
        </ul>
        <p className="mb-3 text-sm font-medium text-slate-700">This cannot be undone.</p>
        <div className="mb-4 flex flex-col gap-1">
          <label htmlFor="confirmEmail" className="text-sm font-medium text-slate-700">
            Type your email (<bdi>{email}</bdi>) to confirm
          </label>
          <input
            id="confirmEmail"
            name="confirmEmail"
            type="text"
            inputMode="email"
            autoComplete="off"
            spellCheck={false}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-500"
          />
        </div>
        <div className="flex justify-end gap-2">
          <button
            type="button"
            className="rounded-lg px-4 py-2 text-sm font-medium ring-1 ring-slate-300"
            onClick={() => dialog.current?.close()}
          >
            Cancel
          </button>
          <ConfirmButton disabled={!confirmed} />
        </div>
      </dialog>
    </form>
  );
}

function ConfirmButton({ disabled }: { disabled: boolean }) {
  if (disabled) {
    return (
      <button
        type="submit"
        disabled
        className="rounded-lg bg-red-600 px-4 py-2 font-medium text-white opacity-60 shadow-sm"
      >
        Delete forever
      </button>
    );
  }
  return (
    <SubmitButton pendingLabel="Deleting…" className="bg-red-600 hover:bg-red-700">
      Delete forever
    </SubmitButton>
  );
}
