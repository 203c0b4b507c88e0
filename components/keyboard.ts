import type { KeyboardEvent } from "react";

/** Chat-style keys for a textarea: Enter submits its form, Shift+Enter is a new line. */
export function submitOnEnter(event: KeyboardEvent<HTMLTextAreaElement>, onEscape?: () => void) {
  if (event.key === "Escape" && onEscape) {
    event.preventDefault();
    onEscape();
  } else if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
    event.preventDefault();
    event.currentTarget.form?.requestSubmit();
  }
}
