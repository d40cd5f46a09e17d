import { useFieldArray } from "react-hook-form";
import { TextField } from "~/components/forms/fields.tsx";
import { RowHiddenField } from "./row-hidden-field.tsx";
import { Button } from "~/components/ui/button.tsx";
import type { ProgramForm, StagePath } from "./editor-form.ts";

/** Tests the patient scores for pain the morning after a session (the log asks for each, by this name). */
export function MonitoringTests({ form, stage }: { form: ProgramForm; stage: StagePath }) {
  const name = `${stage}.monitoringTests` as const;
  const { fields, append, remove } = useFieldArray({ control: form.control, name, keyName: "key" });
  return (
    <div className="stack">
      {fields.length === 0 ? <p className="muted small">None: the log asks for pain on waking only.</p> : null}
      {fields.map((f, i) => (
        <div key={f.key} className="editor-fields editor-fields--wide">
          <RowHiddenField form={form} name={`${name}.${i}.id`} />
          <RowHiddenField form={form} name={`${name}.${i}._rest`} />
          <TextField form={form} name={`${name}.${i}.name`} label="Test (as the patient sees it)" />
          <TextField form={form} name={`${name}.${i}.instructions`} label="How to do it (optional)" />
          <div>
            <Button variant="ghost" size="small" onClick={() => remove(i)}>
              Remove test
            </Button>
          </div>
        </div>
      ))}
      <div>
        <Button
          variant="secondary"
          size="small"
          onClick={() => {
            form.rowAdded(`${name}.${fields.length}`);
            append({ id: "", name: "", instructions: "", _rest: "" }, { focusName: `${name}.${fields.length}.name` });
          }}
        >
          Add a monitoring test
        </Button>
      </div>
    </div>
  );
}
