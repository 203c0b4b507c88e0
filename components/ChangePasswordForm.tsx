"use client";

import { useActionState } from "react";
import { type FormAction, initialFormState } from "@/lib/platform/form-state";
import { FormError } from "./FormError";
import { FormField } from "./FormField";
import { SubmitButton } from "./SubmitButton";

export function ChangePasswordForm({ action }: { action: FormAction }) {
  const [state, submit] = useActionState(action, initialFormState);
  return (
    <form
      key={state.submittedAt}
      action={submit}
      className="flex max-w-sm flex-col gap-3"
      noValidate
    >
      <FormError
        message={
          state.fieldErrors?.currentPassword || state.fieldErrors?.newPassword
            ? undefined
            : state.error
        }
      />
      <FormField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        errors={state.fieldErrors?.currentPassword}
      />
      <FormField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        errors={state.fieldErrors?.newPassword}
      />
      <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
      <p role="status" className="text-sm text-emerald-700">
        {state.ok ? state.message : ""}
      </p>
    </form>
  );
}
