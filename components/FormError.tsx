/** A form's error, announced to screen readers when it appears; `inline` beside a button. */
export function FormError({ message, inline = false }: { message?: string; inline?: boolean }) {
  if (!message) return null;
  if (inline) {
    return (
      <span role="alert" className="text-xs text-red-700">
        {message}
      </span>
    );
  }
  return (
    <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700">
      {message}
    </p>
  );
}
