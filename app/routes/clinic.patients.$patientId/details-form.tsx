import { Form } from "@remix-run/react";
import { SelectField, TextField } from "~/components/forms/fields.tsx";
import { FormError } from "~/components/forms/form-error.tsx";
import { useSchemaForm } from "~/components/forms/use-schema-form.ts";
import { failureFor, useBusy, type PlanActionResult } from "~/components/clinic/plan-forms.tsx";
import { Button } from "~/components/ui/button.tsx";
import { INVOLVED_SIDES, PatientDetailsSchema } from "~/schemas/patient.ts";

type Details = {
  name: string;
  email: string;
  time_zone: string;
  condition: string;
  involved_side: string;
  injury_date: string | null;
  surgery_date: string | null;
};

/**
 * "Edit details": the patient's name, email, time zone, condition, side and dates, behind a disclosure so the page
 * opens on the plan. It opens by itself when the save was refused, showing each field's error and what was typed.
 */
export function DetailsForm({
  patient,
  timeZones,
  result,
}: {
  patient: Details;
  timeZones: string[];
  result?: PlanActionResult;
}) {
  const failed = failureFor(result, "edit-details");
  const busy = useBusy("edit-details");
  const form = useSchemaForm(PatientDetailsSchema, {
    defaultValues: {
      name: patient.name,
      email: patient.email,
      timeZone: patient.time_zone,
      condition: patient.condition,
      involvedSide: patient.involved_side as "left",
      injuryDate: patient.injury_date ?? "",
      surgeryDate: patient.surgery_date ?? "",
      ...(failed?.values ?? {}),
    },
    serverErrors: failed?.fieldErrors,
  });
  return (
    <details className="clinic-details-edit" open={Boolean(failed)}>
      <summary>Edit details</summary>
      <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
        <input type="hidden" name="intent" value="edit-details" />
        <FormError message={failed?.formError} />
        <div className="grid-2">
          <TextField form={form} name="name" label="Full name" autoComplete="off" />
          <TextField
            form={form}
            name="email"
            label="Email"
            type="email"
            inputMode="email"
            autoComplete="off"
            hint="The patient signs in with it."
          />
          <SelectField
            form={form}
            name="timeZone"
            label="Time zone"
            hint="Decides which day a log belongs to."
            options={timeZones.map((tz) => ({ value: tz, label: tz.replace(/_/g, " ") }))}
          />
          <TextField form={form} name="condition" label="Condition" />
          <SelectField
            form={form}
            name="involvedSide"
            label="Involved side"
            placeholder="Choose…"
            options={[...INVOLVED_SIDES]}
          />
          <TextField form={form} name="injuryDate" label="Injury date (optional)" type="date" />
          <TextField
            form={form}
            name="surgeryDate"
            label="Surgery date (optional)"
            type="date"
            hint="Gates on time since surgery count from it."
          />
        </div>
        <div>
          <Button type="submit" variant="secondary" disabled={busy}>
            Save details
          </Button>
        </div>
      </Form>
    </details>
  );
}
