import { useWatch } from "react-hook-form";
import { SelectField, TextField } from "~/components/forms/fields.tsx";
import { RowHiddenField } from "./row-hidden-field.tsx";
import type { FieldSpec } from "~/schemas/program-form/field-spec.ts";
import {
  PROGRESSION_KIND_LABELS,
  PROGRESSION_STEP_FIELDS,
  isProgressionKind,
  type ProgressionKind,
} from "~/schemas/program-form/progression-field-specs.ts";
import { CriteriaList } from "./criteria.tsx";
import { SpecField } from "./spec-field.tsx";
import type { ProgramFieldName, ProgramForm, ProgressionPath } from "./editor-form.ts";

/**
 * A progression rule: how the dose steps up (its kind and step), when (all criteria met), and when it steps back (any
 * met). "No progression" leaves the place without a rule; the rest shows only once a kind is chosen.
 */
export function ProgressionFields({
  form,
  prefix,
  kinds,
  title,
}: {
  form: ProgramForm;
  prefix: ProgressionPath;
  kinds: ProgressionKind[];
  title: string;
}) {
  const kind = useWatch({ control: form.control, name: `${prefix}.kind` });
  return (
    <fieldset className="editor-block stack">
      <legend>{title}</legend>
      <RowHiddenField form={form} name={`${prefix}.id`} />
      <RowHiddenField form={form} name={`${prefix}._rest`} />
      <div className="editor-fields">
        <SelectField
          form={form}
          name={`${prefix}.kind`}
          label="Progression"
          options={[
            { value: "", label: "No progression" },
            ...kinds.map((k) => ({ value: k, label: PROGRESSION_KIND_LABELS[k] })),
          ]}
        />
        {isProgressionKind(kind)
          ? (PROGRESSION_STEP_FIELDS[kind] as readonly FieldSpec[]).map((spec) => (
              <SpecField key={spec.name} form={form} name={`${prefix}.${spec.name}` as ProgramFieldName} spec={spec} />
            ))
          : null}
      </div>
      {isProgressionKind(kind) ? (
        <>
          <h4>Step up when (all met)</h4>
          <CriteriaList form={form} name={`${prefix}.when`} noun="Condition" />
          <h4>Step back when (any met; optional)</h4>
          <CriteriaList form={form} name={`${prefix}.stepBack`} noun="Step-back condition" />
          <div className="editor-fields editor-fields--wide">
            <TextField form={form} name={`${prefix}.label`} label="Name of the rule (optional)" />
            <TextField
              form={form}
              name={`${prefix}.patientText`}
              label="What the patient is told when it steps (optional)"
            />
          </div>
        </>
      ) : null}
    </fieldset>
  );
}
