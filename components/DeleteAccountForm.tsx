"use client";

import { useActionState } from "react";
import { type FormAction, initialFormState } from "@/lib/platform/form-state";
import { FormError } from "./FormError";
import { FormField } from "./FormField";
import { SubmitButton } from "./SubmitButton";

export function DeleteAccountForm({ action }: { action: FormAction }) {
  const [state, submit] = useActionState(action, initialFormState);
  return (
    <form action={submit} className="flex max-w-sm flex-col gap-3" noValidate>
      <FormError message={state.fieldErrors?.password ? undefined : state.error} />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        errors={state.fieldErrors?.password}
      />
      <SubmitButton pendingLabel="Deleting…" className="bg-red-600 hover:bg-red-700">
        Delete my account
      </SubmitButton>
    </form>
  );
}
