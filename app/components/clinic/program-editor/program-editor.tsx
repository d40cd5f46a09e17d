import { Form, useNavigation } from "@remix-run/react";
import { HiddenField, TextAreaField, TextField } from "~/components/forms/fields.tsx";
import { FormError } from "~/components/forms/form-error.tsx";
import { Button } from "~/components/ui/button.tsx";
import { Citations } from "./citations.tsx";
import { ErrorSummary } from "./error-summary.tsx";
import { PainModelFields } from "./pain-model-fields.tsx";
import { Stages } from "./stages.tsx";
import type { ProgramForm } from "./editor-form.ts";

/**
 * The whole program as one real HTML form. With JavaScript: react-hook-form validates with the engine's schema as
 * you go, and stages, exercises, gates and rules can be added, reordered and removed. Without it, the form still
 * posts and the action validates with the same schema.
 */
export function ProgramEditor({
  form,
  submitLabel,
  formError,
  serverErrors,
}: {
  form: ProgramForm;
  submitLabel: string;
  formError?: string;
  serverErrors?: Record<string, string> | null;
}) {
  const navigation = useNavigation();
  return (
    <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
      <FormError message={formError} />
      <ErrorSummary errors={serverErrors} />
      <HiddenField form={form} name="id" />
      <HiddenField form={form} name="version" />
      <HiddenField form={form} name="_rest" />
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
