import { Form, useNavigation } from "@remix-run/react";
import { useRef, type FormEvent } from "react";
import { get } from "react-hook-form";
import type { SchemaForm } from "~/components/forms/use-schema-form.ts";
import type { ProgramFormValues } from "~/schemas/program-form/form-values.ts";
import { TextAreaField, TextField } from "~/components/forms/fields.tsx";
import { FormError } from "~/components/forms/form-error.tsx";
import { RowHiddenField } from "./row-hidden-field.tsx";
import { Button } from "~/components/ui/button.tsx";
import { Citations } from "./citations.tsx";
import { ErrorSummary } from "./error-summary.tsx";
import { PainModelFields } from "./pain-model-fields.tsx";
import { Stages } from "./stages.tsx";
import type { ProgramFieldName, ProgramForm } from "./editor-form.ts";

/**
 * The editor's form over the route's: react-hook-form checks a whole list when a row is added to it, which would show
 * "Required" on every field of the new row at once. A row added since the last save attempt shows a field's error only
 * once the physio has left that field; saving shows them all.
 */
function useEditorForm(form: SchemaForm<ProgramFormValues>): ProgramForm {
  const fresh = useRef(new Set<string>());
  const touched = form.formState.touchedFields;
  return {
    ...form,
    rowAdded: (prefix) => fresh.current.add(prefix),
    errorFor(name: ProgramFieldName) {
      const message = form.errorFor(name);
      if (!message || !form.hydrated) return message;
      const inFreshRow = [...fresh.current].some((p) => name === p || name.startsWith(`${p}.`));
      return inFreshRow && !get(touched, name) ? undefined : message;
    },
    onSubmit(event: FormEvent<HTMLFormElement>) {
      fresh.current.clear();
      form.onSubmit(event);
    },
  };
}

/**
 * The whole program as one real HTML form. With JavaScript: react-hook-form validates with the engine's schema as
 * you go, and stages, exercises, gates and rules can be added, reordered and removed. Without it, the form still
 * posts and the action validates with the same schema.
 */
export function ProgramEditor({
  form: routeForm,
  submitLabel,
  formError,
  serverErrors,
}: {
  form: SchemaForm<ProgramFormValues>;
  submitLabel: string;
  formError?: string;
  serverErrors?: Record<string, string> | null;
}) {
  const navigation = useNavigation();
  const form = useEditorForm(routeForm);
  return (
    <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
      <FormError message={formError} />
      <ErrorSummary errors={serverErrors} />
      <RowHiddenField form={form} name="id" />
      <RowHiddenField form={form} name="version" />
      <RowHiddenField form={form} name="_rest" />
      <section className="card stack" aria-labelledby="about-program">
        <h2 id="about-program">About the program</h2>
        <div className="editor-fields editor-fields--wide">
          <TextField form={form} name="name" label="Program name" />
          <TextField form={form} name="condition" label="Condition" />
          <TextField
            form={form}
            name="minDaysAfterRegress"
            label="Days to stay after a regress"
            hint="Blank: 7 (Stagewise default)"
            inputMode="numeric"
          />
          <TextField
            form={form}
            name="freshDataDays"
            label="Advance only with a log at most this many days old"
            hint="Blank: 3 (Stagewise default)"
            inputMode="numeric"
          />
          <TextField
            form={form}
            name="redFlagHoldDays"
            label="Days a red flag holds an advance"
            hint="Blank: 7 (Stagewise default); 0: no hold, the clinician still confirms"
            inputMode="numeric"
          />
        </div>
        <TextAreaField form={form} name="summary" label="Summary" rows={2} />
        <TextAreaField
          form={form}
          name="notes"
          label="Notes (clinicians only)"
          hint="e.g. where program-level settings come from, which are your reading"
          rows={2}
        />
      </section>
      <section className="card stack" aria-labelledby="pain-model">
        <h2 id="pain-model">Pain model</h2>
        <PainModelFields form={form} />
      </section>
      <section className="stack" aria-labelledby="stages-heading">
        <h2 id="stages-heading">Stages</h2>
        <Stages form={form} />
      </section>
      <section className="card stack" aria-labelledby="citations-heading">
        <h2 id="citations-heading">Citations</h2>
        <Citations form={form} />
      </section>
      <div className="row">
        <Button type="submit" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </Button>
      </div>
    </Form>
  );
}
