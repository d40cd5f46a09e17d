import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import type { FieldPath, FieldValues } from "react-hook-form";
import type { SchemaForm } from "./use-schema-form.ts";

// Accessible fields wired to useSchemaForm: a visible label, hint and error tied to the control with
// aria-describedby, aria-invalid on error, and the typed value kept when the server sends the form back.

/** A field of the form `form`: `name` must be one of its field names. */
type Common<T extends FieldValues> = { form: SchemaForm<T>; name: FieldPath<T>; label: ReactNode; hint?: ReactNode };

function ids(name: string) {
  const base = `f-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
  return { id: base, hintId: `${base}-hint`, errorId: `${base}-error` };
}

function describedBy(hint: unknown, error: unknown, i: ReturnType<typeof ids>) {
  return [hint ? i.hintId : null, error ? i.errorId : null].filter(Boolean).join(" ") || undefined;
}

function FieldShell(props: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  name: string;
  children: ReactNode;
  labelFor?: boolean;
}) {
  const i = ids(props.name);
  return (
    <div className={`field${props.error ? " field--invalid" : ""}`}>
      <label className="field__label" htmlFor={i.id}>
        {props.label}
      </label>
      {props.hint ? (
        <p className="field__hint" id={i.hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.children}
      <FieldError id={i.errorId} message={props.error} />
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p className="field__error" id={id}>
      {message}
    </p>
  ) : null;
}

function asString(v: unknown): string | undefined {
  return v === undefined || v === null ? undefined : String(v);
}

/** What every single-control field hands its control: id, error wiring, the kept value and react-hook-form's props. */
function controlProps<T extends FieldValues>(form: SchemaForm<T>, name: FieldPath<T>, hint: ReactNode) {
  const i = ids(name);
  const error = form.errorFor(name);
  return {
    error,
    props: {
      id: i.id,
      defaultValue: asString(form.defaultFor(name)),
      "aria-invalid": error ? true : undefined,
      "aria-describedby": describedBy(hint, error, i),
    },
  };
}

export function TextField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  ...rest
}: Common<T> & Omit<InputHTMLAttributes<HTMLInputElement>, "form" | "name">) {
  const { error, props } = controlProps(form, name, hint);
  return (
    <FieldShell label={label} hint={hint} error={error} name={name}>
      <input className="input" {...props} {...rest} {...form.register(name)} />
    </FieldShell>
  );
}

export function TextAreaField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  ...rest
}: Common<T> & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "form" | "name">) {
  const { error, props } = controlProps(form, name, hint);
  return (
    <FieldShell label={label} hint={hint} error={error} name={name}>
      <textarea className="input input--textarea" {...props} {...rest} {...form.register(name)} />
    </FieldShell>
  );
}

export function SelectField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  options,
  placeholder,
  ...rest
}: Common<T> &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "form" | "name"> & {
    options: Array<{ value: string; label: string }>;
    placeholder?: string;
  }) {
  const i = ids(name);
  const error = form.errorFor(name);
  return (
    <FieldShell label={label} hint={hint} error={error} name={name}>
      <select
        className="input input--select"
        id={i.id}
        defaultValue={asString(form.defaultFor(name)) ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint, error, i)}
        {...rest}
        {...form.register(name)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A row of large radio buttons (0–10 pain scales, done/partly/not): big touch targets, arrow keys move between them. */
export function ChoiceField<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  options,
}: Common<T> & { options: Array<{ value: string; label: ReactNode; tone?: "safe" | "caution" | "high" }> }) {
  const i = ids(name);
  const error = form.errorFor(name);
  const current = asString(form.defaultFor(name));
  return (
    <fieldset
      className={`field choice${error ? " field--invalid" : ""}`}
      aria-describedby={describedBy(hint, error, i)}
    >
      <legend className="field__label">{label}</legend>
      {hint ? (
        <p className="field__hint" id={i.hintId}>
          {hint}
        </p>
      ) : null}
      <div className="choice__options">
        {options.map((o) => (
          <label key={o.value} className={`choice__option${o.tone ? ` choice__option--${o.tone}` : ""}`}>
            <input type="radio" value={o.value} defaultChecked={current === o.value} {...form.register(name)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <FieldError id={i.errorId} message={error} />
    </fieldset>
  );
}

/** A value with no visible field (an id, a carried-through setting): in the server-rendered HTML, so the form posts
 * it without JavaScript, and known to react-hook-form. */
export function HiddenField<T extends FieldValues>({ form, name }: { form: SchemaForm<T>; name: FieldPath<T> }) {
  return <input type="hidden" defaultValue={String(form.defaultFor(name) ?? "")} {...form.register(name)} />;
}
