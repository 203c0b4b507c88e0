"use client";

import { useActionState, useRef } from "react";
import { type FormAction, initialFormState } from "@/lib/platform/form-state";
import { FormError } from "./FormError";
import { FormField } from "./FormField";
import { SubmitButton } from "./SubmitButton";
import { useFocusOnError } from "./useFocusOnError";

const ERROR_ID = "sign-in-error";

export function LoginForm({
  action: submit,
  callbackUrl,
}: {
  action: FormAction;
  callbackUrl?: string;
}) {
  const [state, action] = useActionState(submit, initialFormState);
  const form = useRef<HTMLFormElement>(null);
  // A failed sign-in empties the password: the focus waits there, its error read out.
  useFocusOnError(state, form, "password");
  const failed = Boolean(state.error);
  return (
    <form ref={form} action={action} className="flex flex-col gap-4" noValidate>
      <FormError id={ERROR_ID} message={state.error} />
      <FormField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
      />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        aria-invalid={failed || undefined}
        aria-describedby={failed ? ERROR_ID : undefined}
      />
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
