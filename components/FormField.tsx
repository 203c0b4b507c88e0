import type { InputHTMLAttributes } from "react";

interface FormFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  errors?: string[];
}

/** A labelled input with its error messages tied to it for screen readers. */
export function FormField({ label, name, errors, ...input }: FormFieldProps) {
  const errorId = `${name}-error`;
  const invalid = Boolean(errors?.length);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={name} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={name}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-500 aria-invalid:border-red-500"
        {...input}
      />
      {invalid && (
        <p id={errorId} className="text-sm text-red-600">
          {errors?.join(" ")}
        </p>
      )}
    </div>
  );
}
