import { useWatch } from "react-hook-form";
import { SelectField, TextField } from "~/components/forms/fields.tsx";
import { RowHiddenField } from "./row-hidden-field.tsx";
import type { ProgramForm } from "./editor-form.ts";
import { useStageTests } from "./stage-tests.ts";

/** The stage's trial of a new load: what it is, and which sessions are trials (every one, or those a test marks). */
export function TrialFields({ form, stageIndex }: { form: ProgramForm; stageIndex: number }) {
  const prefix = `stages.${stageIndex}.trial` as const;
  const test = useWatch({ control: form.control, name: `${prefix}.test` });
  const tests = useStageTests(form, stageIndex, [test ?? ""]);
  return (
    <div className="editor-fields editor-fields--wide">
      <RowHiddenField form={form} name={`${prefix}._rest`} />
      <TextField
        form={form}
        name={`${prefix}.label`}
        label="Trial of a new load (optional)"
        hint="e.g. first isotonic session; an advance then waits for the next morning's response. Blank: no trial"
      />
      <SelectField
        form={form}
        name={`${prefix}.test`}
        label="Sessions that are trials"
        options={[
          { value: "", label: "every session of the stage" },
          ...tests.map((t) => ({ ...t, label: `days ${t.label} is scored` })),
        ]}
      />
    </div>
  );
}
