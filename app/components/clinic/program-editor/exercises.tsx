import { useFieldArray } from "react-hook-form";
import { TextField } from "~/components/forms/fields.tsx";
import { RowHiddenField } from "./row-hidden-field.tsx";
import { Button } from "~/components/ui/button.tsx";
import { blankExercise } from "~/schemas/program-form/blank-values.ts";
import { EXERCISE_FIELDS } from "~/schemas/program-form/exercise-field-specs.ts";
import { LOAD_PROGRESSION_KINDS } from "~/schemas/program-form/progression-field-specs.ts";
import { ProgressionFields } from "./progression.tsx";
import { SourceFields } from "./source-fields.tsx";
import { SpecField } from "./spec-field.tsx";
import type { ProgramForm, StagePath } from "./editor-form.ts";

/** The dose fields an exercise shows (its id is hidden: it comes from the name). */
const DOSE_FIELDS = EXERCISE_FIELDS.filter((f) => f.name !== "id");

/** A stage's exercises in order: the dose fields of each, its own progression, and buttons to move, remove and add. */
export function Exercises({ form, stage }: { form: ProgramForm; stage: StagePath }) {
  const name = `${stage}.prescription.exercises` as const;
  const { fields, append, remove, move } = useFieldArray({ control: form.control, name, keyName: "key" });
  return (
    <div className="stack">
      {fields.map((f, i) => (
        <fieldset key={f.key} className="editor-block">
          <legend>Exercise {i + 1}</legend>
          <div className="editor-fields">
            {DOSE_FIELDS.map((spec) => (
              <SpecField key={spec.name} form={form} name={`${name}.${i}.${spec.name}`} spec={spec} />
            ))}
            <TextField
              form={form}
              name={`${name}.${i}.loadKg`}
              label="Load (kg)"
              hint="The number a progression steps; blank: none"
              inputMode="decimal"
            />
            <TextField
              form={form}
              name={`${name}.${i}.loadText`}
              label="Load (as shown)"
              hint="e.g. body weight, backpack 10 kg; blank: the kg"
            />
            <SourceFields form={form} prefix={`${name}.${i}`} what="exercise" />
          </div>
          <RowHiddenField form={form} name={`${name}.${i}.id`} />
          <RowHiddenField form={form} name={`${name}.${i}._rest`} />
          <ProgressionFields
            form={form}
            prefix={`${name}.${i}.progression`}
            kinds={LOAD_PROGRESSION_KINDS}
            title="This exercise's own progression (overrides the stage's)"
          />
          <div className="editor-toolbar">
            <Button variant="ghost" size="small" disabled={i === 0} onClick={() => move(i, i - 1)}>
              Move up
            </Button>
            <Button variant="ghost" size="small" onClick={() => remove(i)}>
              Remove exercise
            </Button>
          </div>
        </fieldset>
      ))}
      <div>
        <Button
          variant="secondary"
          size="small"
          onClick={() => {
            form.rowAdded(`${name}.${fields.length}`);
            append(blankExercise(), { focusName: `${name}.${fields.length}.name` });
          }}
        >
          Add an exercise
        </Button>
      </div>
    </div>
  );
}
