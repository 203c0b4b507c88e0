"use client";

import { type RefObject, useEffect } from "react";
import type { FormState } from "@/lib/platform/form-state";

/**
 * After a failed submit, the focus goes to the first field marked invalid (else to
 * `fallback`, a field's name), as sign-in forms do: not to the page's body, where a
 * keyboard or screen reader user would have to find the form again. The field's error
 * is its description, so moving there announces it.
 */
export function useFocusOnError(
  state: FormState,
  form: RefObject<HTMLFormElement | null>,
  fallback?: string,
) {
  useEffect(() => {
    if (state.ok !== false || !form.current) return;
    const field =
      form.current.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      (fallback ? form.current.querySelector<HTMLElement>(`[name="${fallback}"]`) : null);
    field?.focus();
  }, [state, form, fallback]);
}
