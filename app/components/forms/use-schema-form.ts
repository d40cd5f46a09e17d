import { zodResolver } from "@hookform/resolvers/zod";
import { useSubmit } from "@remix-run/react";
import { useEffect, useState, type FormEvent } from "react";
import {
  get,
  useForm,
  type DefaultValues,
  type FieldPath,
  type FieldValues,
  type PathValue,
  type UseFormReturn,
} from "react-hook-form";
import type { $ZodType, input } from "zod/v4/core";
import type { FieldErrors } from "~/utils/forms.ts";

/**
 * A form driven by its schema: react-hook-form's API plus what our fields need, typed by the form's values (the
 * schema's input), so a field name the form does not have is a type error.
 */
export type SchemaForm<TValues extends FieldValues, TOutput = unknown> = UseFormReturn<TValues, unknown, TOutput> & {
  /** The message to show under a field: the server's before hydration, react-hook-form's after. */
  errorFor(name: FieldPath<TValues>): string | undefined;
  /** The value the field starts with, as given in `defaultValues` (the page's, or the values the server sent back). */
  defaultFor<N extends FieldPath<TValues>>(name: N): PathValue<TValues, N> | undefined;
  onSubmit(event: FormEvent<HTMLFormElement>): void;
  hydrated: boolean;
};

/** The form of one particular schema, for the components that draw its fields. */
export type SchemaFormOf<S extends $ZodType<unknown, FieldValues>> = SchemaForm<input<S>>;

/**
 * react-hook-form driven by the form's zod schema (zod/mini, or full zod for the program editor), on top of a real HTML form.
 * Without JavaScript the browser posts the form and the action validates with the same schema; with JavaScript
 * errors show as soon as a field is left, and a valid form is posted exactly as the browser would have posted it.
 */
export function useSchemaForm<TValues extends FieldValues, TOutput>(
  schema: $ZodType<TOutput, TValues>,
  options: { defaultValues: NoInfer<DefaultValues<TValues>>; serverErrors?: FieldErrors | null },
): SchemaForm<TValues, TOutput> {
  const submit = useSubmit();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  const form = useForm<TValues, unknown, TOutput>({
    resolver: zodResolver(schema),
    defaultValues: options.defaultValues,
    mode: "onTouched",
  });

  const { setError } = form;
  useEffect(() => {
    for (const [name, message] of Object.entries(options.serverErrors ?? {})) {
      // The server validated with this same schema: its error keys are this form's field names.
      setError(name as FieldPath<TValues>, { type: "server", message }, { shouldFocus: false });
    }
  }, [options.serverErrors, setError]);

  function errorFor(name: FieldPath<TValues>): string | undefined {
    if (!hydrated) return options.serverErrors?.[name];
    return (get(form.formState.errors, name) as { message?: string } | undefined)?.message;
  }

  function defaultFor<N extends FieldPath<TValues>>(name: N): PathValue<TValues, N> | undefined {
    return get(options.defaultValues, name);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const formElement = event.currentTarget;
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void form.handleSubmit(
      () =>
        submit(submitter ?? formElement, { method: "post", action: formElement.getAttribute("action") ?? undefined }),
      () => focusFirstError(formElement),
    )(event);
  }

  return { ...form, errorFor, defaultFor, onSubmit, hydrated };
}

function focusFirstError(formElement: HTMLFormElement) {
  requestAnimationFrame(() => formElement.querySelector<HTMLElement>("[aria-invalid='true']")?.focus());
}
