"use client";

import { useActionState, useRef } from "react";
import { type FormAction, initialFormState } from "@/lib/platform/form-state";
import { FormError } from "./FormError";
import { FormField } from "./FormField";
import { SubmitButton } from "./SubmitButton";
import { useFocusOnError } from "./useFocusOnError";

export function RegisterForm({ action: submit }: { action: FormAction }) {
  const [state, action] = useActionState(submit, initialFormState);
  const form = useRef<HTMLFormElement>(null);
  useFocusOnError(state, form, "password");
  // A field's error is said beside the field (and read when the focus moves there): once.
  const besideAField = Object.values(state.fieldErrors ?? {})
    .flat()
    .includes(state.error ?? "");
  return (
    <form ref={form} action={action} className="flex flex-col gap-4" noValidate>
      <FormError message={besideAField ? undefined : state.error} />
      <FormField
        label="Name"
        name="name"
        autoComplete="name"
        required
        defaultValue={state.values?.name}
        errors={state.fieldErrors?.name}
      />
      <FormField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        errors={state.fieldErrors?.email}
      />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={8}
        errors={state.fieldErrors?.password}
      />
      <SubmitButton pendingLabel="Creating account…">Create account</SubmitButton>
    </form>
  );
}
