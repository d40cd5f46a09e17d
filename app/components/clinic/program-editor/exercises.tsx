import { useFieldArray } from "react-hook-form";
import { HiddenField, TextField } from "~/components/forms/fields.tsx";
import { Button } from "~/components/ui/button.tsx";
import { EXERCISE_FIELDS } from "~/schemas/program-form/exercise-field-specs.ts";
import { shortId } from "./short-id.ts";
import { SourceFields } from "./source-fields.tsx";
import { SpecField } from "./spec-field.tsx";
import type { ProgramForm, StagePath } from "./editor-form.ts";

/** A stage's exercises in order: the dose fields of each, and buttons to move, remove and add one. */
export function Exercises({ form, stage }: { form: ProgramForm; stage: StagePath }) {
  const name = `${stage}.prescription.exercises` as const;
  const { fields, append, remove, move } = useFieldArray({ control: form.control, name, keyName: "key" });
  return (
    <div className="stack">
      {fields.map((f, i) => (
        <fieldset key={f.key} className="editor-block">
          <legend>Exercise {i + 1}</legend>
          <div className="editor-fields">
            {EXERCISE_FIELDS.map((spec) => (
              <SpecField key={spec.name} form={form} name={`${name}.${i}.${spec.name}`} spec={spec} />
            ))}
            <TextField
              form={form}
              name={`${name}.${i}.loadText`}
              label="Load (as shown)"
              hint="e.g. body weight, backpack 10 kg"
            />
            <SourceFields form={form} prefix={`${name}.${i}`} what="exercise" />
          </div>
          <HiddenField form={form} name={`${name}.${i}._rest`} />
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
          onClick={() =>
            append(
              {
                id: `exercise-${shortId()}`,
                name: "",
                sets: "3",
                reps: "10",
                side: "both",
                loadText: "",
                sourceNote: "",
                sourceOurs: "",
                _rest: "",
              },
              { focusName: `${name}.${fields.length}.name` },
            )
          }
        >
          Add an exercise
        </Button>
      </div>
    </div>
  );
}
