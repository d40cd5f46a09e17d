import { useFieldArray } from "react-hook-form";
import { SelectField, TextAreaField, TextField } from "~/components/forms/fields.tsx";
import { Button } from "~/components/ui/button.tsx";
import { ProgressionFields } from "./progression.tsx";
import { RowHiddenField } from "./row-hidden-field.tsx";
import { SourceFields } from "./source-fields.tsx";
import type { ProgramForm, StagePath } from "./editor-form.ts";

/**
 * The stage's walk-run: blocks of walk and run minutes repeated (stored as seconds), warm-up and cool-down, and how the
 * run progresses within the stage. No block and nothing set = the stage has no run.
 */
export function RunFields({ form, stage }: { form: ProgramForm; stage: StagePath }) {
  const prefix = `${stage}.prescription.run` as const;
  const { fields, append, remove } = useFieldArray({ control: form.control, name: `${prefix}.blocks`, keyName: "key" });
  return (
    <div className="stack">
      <RowHiddenField form={form} name={`${prefix}._rest`} />
      {fields.length === 0 ? <p className="muted small">No run in this stage.</p> : null}
      {fields.map((f, i) => (
        <fieldset key={f.key} className="editor-block">
          <legend>Run block {i + 1}</legend>
          <div className="editor-fields">
            <TextField
              form={form}
              name={`${prefix}.blocks.${i}.walkMinutes`}
              label="Walk (min)"
              hint="e.g. 1.5 or 1:30; blank or 0: continuous running"
              inputMode="decimal"
            />
            <TextField
              form={form}
              name={`${prefix}.blocks.${i}.runMinutes`}
              label="Run (min)"
              hint="e.g. 1 or 0:45"
              inputMode="decimal"
            />
            <TextField form={form} name={`${prefix}.blocks.${i}.repeats`} label="Repeats" inputMode="numeric" />
            <TextField
              form={form}
              name={`${prefix}.blocks.${i}.intensity`}
              label="Intensity (optional)"
              hint="e.g. easy, can talk"
            />
          </div>
          <div>
            <Button variant="ghost" size="small" onClick={() => remove(i)}>
              Remove block
            </Button>
          </div>
        </fieldset>
      ))}
      <div>
        <Button
          variant="secondary"
          size="small"
          onClick={() => {
            form.rowAdded(`${prefix}.blocks.${fields.length}`);
            append(
              { walkMinutes: "1", runMinutes: "1", repeats: "10", intensity: "" },
              { focusName: `${prefix}.blocks.${fields.length}.walkMinutes` },
            );
          }}
        >
          Add a run block
        </Button>
      </div>
      {fields.length > 0 ? (
        <>
          <div className="editor-fields">
            <TextField form={form} name={`${prefix}.warmUpMinutes`} label="Warm-up (min)" inputMode="decimal" />
            <TextField form={form} name={`${prefix}.coolDownMinutes`} label="Cool-down (min)" inputMode="decimal" />
            <TextField form={form} name={`${prefix}.perWeek`} label="Runs a week" inputMode="decimal" />
            <SelectField
              form={form}
              name={`${prefix}.restDayBetween`}
              label="Rest day between runs"
              options={[
                { value: "", label: "(not said)" },
                { value: "true", label: "yes" },
                { value: "false", label: "no" },
              ]}
            />
            <TextField
              form={form}
              name={`${prefix}.distanceKm`}
              label="Distance (km, optional)"
              hint="For distance-based levels"
              inputMode="decimal"
            />
          </div>
          <TextAreaField
            form={form}
            name={`${prefix}.notes`}
            label="Run notes for the patient (optional)"
            hint="Plain instructions; no sources"
            rows={2}
          />
          <div className="editor-fields editor-fields--wide">
            <SourceFields form={form} prefix={prefix} what="run" />
          </div>
          <ProgressionFields
            form={form}
            prefix={`${prefix}.progression`}
            kinds={["run_progression"]}
            title="Run progression within the stage"
          />
        </>
      ) : null}
    </div>
  );
}
