import type { InputHTMLAttributes } from "react";

// The "Try it" form is a plain GET form (a preview that writes nothing), so its fields are plain inputs carrying the
// values and errors the loader returns, without react-hook-form.

/** A labelled input with its hint and error, tied together for screen readers. */
export function TryField({
  name,
  label,
  values,
  errors,
  hint,
  ...rest
}: {
  name: string;
  label: string;
  values: Record<string, string>;
  errors: Record<string, string> | null;
  hint?: string;
} & InputHTMLAttributes<HTMLInputElement>) {
  const error = errors?.[name];
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label className="field__label" htmlFor={`try-${name}`}>
        {label}
      </label>
      {hint ? (
        <p className="field__hint" id={`try-${name}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        id={`try-${name}`}
        name={name}
        className="input"
        defaultValue={values[name]}
        aria-invalid={error ? true : undefined}
        aria-describedby={
          [hint ? `try-${name}-hint` : "", error ? `try-${name}-error` : ""].filter(Boolean).join(" ") || undefined
        }
        {...rest}
      />
      {error ? (
        <p className="field__error" id={`try-${name}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled select. */
export function TrySelect({
  name,
  label,
  values,
  options,
}: {
  name: string;
  label: string;
  values: Record<string, string>;
  options: Array<{ value: string; label: string }>;
}) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={`try-${name}`}>
        {label}
      </label>
      <select id={`try-${name}`} name={name} className="input input--select" defaultValue={values[name]}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
