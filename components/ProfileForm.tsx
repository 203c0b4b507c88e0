"use client";

import { useActionState } from "react";
import { type FormAction, initialFormState } from "@/lib/platform/form-state";
import { FormError } from "./FormError";
import { FormField } from "./FormField";
import { SubmitButton } from "./SubmitButton";

export function ProfileForm({ action, name }: { action: FormAction; name: string }) {
  const [state, submit] = useActionState(action, initialFormState);
  return (
    <form action={submit} className="flex max-w-sm flex-col gap-3" noValidate>
      <FormError message={state.fieldErrors?.name ? undefined : state.error} />
      <FormField
        label="Name"
        name="name"
        type="text"
        autoComplete="name"
        required
        maxLength={80}
        defaultValue={state.values?.name ?? name}
        errors={state.fieldErrors?.name}
      />
      <SubmitButton pendingLabel="Saving…">Save profile</SubmitButton>
      <p role="status" className="text-sm text-emerald-700">
        {state.ok ? "Profile saved." : ""}
      </p>
    </form>
  );
}
