/** A form's error, announced to screen readers when it appears; `inline` beside a button. */
export function FormError({
  message,
  inline = false,
  id,
}: {
  message?: string;
  inline?: boolean;
  /** For a field whose description the error is (aria-describedby). */
  id?: string;
}) {
  if (!message) return null;
  if (inline) {
    return (
      <span id={id} role="alert" className="text-xs text-red-700">
        {message}
      </span>
    );
  }
  return (
    <p id={id} role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
      {message}
    </p>
  );
}
