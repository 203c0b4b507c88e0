import type { FieldErrors, Result } from "./result";

/** What a form's server action hands back to `useActionState`. */
export interface FormState {
  ok?: boolean;
  error?: string;
  fieldErrors?: FieldErrors;
  /** The submitted text, so a failed form keeps what the user typed. */
  values?: Record<string, string>;
  /** Changes on every success, so a form can reset itself. */
  submittedAt?: number;
  /** What a success did, said to the user. */
  message?: string;
}

export const initialFormState: FormState = {};

export type FormAction = (previous: FormState, form: FormData) => Promise<FormState>;

/** A lib/ Result as form state: ok, or the error and field messages with what was typed. */
export function toFormState(result: Result<unknown>, form?: unknown): FormState {
  if (result.ok) return { ok: true, submittedAt: Date.now() };
  return {
    ok: false,
    error: result.error,
    fieldErrors: result.fieldErrors,
    values: form instanceof FormData ? textValues(form) : undefined,
  };
}

function textValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !key.startsWith("$") && key !== "password")
      values[key] = value;
  }
  return values;
}

export const signedOut: FormState = {
  ok: false,
  error: "Your session has ended. Sign in again to continue.",
};
