import { zodResolver } from "@hookform/resolvers/zod";
import { useSubmit } from "@remix-run/react";
import { useEffect, useState, type FormEvent } from "react";
import { get, useForm, type DefaultValues, type FieldValues, type Resolver } from "react-hook-form";
import type { $ZodType } from "zod/v4/core";
import type { FieldErrors } from "~/utils/forms.ts";

export type SchemaForm = ReturnType<typeof useSchemaForm>;

/**
 * react-hook-form driven by the form's zod schema (zod/mini, or full zod for the program editor), on top of a real HTML form.
 * Without JavaScript the browser posts the form and the action validates with the same schema; with JavaScript
 * errors show as soon as a field is left, and a valid form is posted exactly as the browser would have posted it.
 */
export function useSchemaForm<S extends $ZodType>(
  schema: S,
  options: { defaultValues: Record<string, unknown>; serverErrors?: FieldErrors | null },
) {
  const submit = useSubmit();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  const form = useForm<FieldValues>({
    resolver: zodResolver(schema as any) as unknown as Resolver<FieldValues>,
    defaultValues: options.defaultValues as DefaultValues<FieldValues>,
    mode: "onTouched",
  });

  const { setError } = form;
  useEffect(() => {
    for (const [name, message] of Object.entries(options.serverErrors ?? {})) {
      setError(name, { type: "server", message }, { shouldFocus: false });
    }
  }, [options.serverErrors, setError]);

  /** The message to show under a field: the server's before hydration, react-hook-form's after. */
  function errorFor(name: string): string | undefined {
    if (!hydrated) return options.serverErrors?.[name];
    return (get(form.formState.errors, name) as { message?: string } | undefined)?.message;
  }

  function defaultFor(name: string): unknown {
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
