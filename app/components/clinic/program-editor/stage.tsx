import { useWatch } from "react-hook-form";
import { TextAreaField, TextField } from "~/components/forms/fields.tsx";
import { RowHiddenField } from "./row-hidden-field.tsx";
import { Button } from "~/components/ui/button.tsx";
import { LOAD_PROGRESSION_KINDS } from "~/schemas/program-form/progression-field-specs.ts";
import { CriteriaList } from "./criteria.tsx";
import { Exercises } from "./exercises.tsx";
import { MonitoringTests } from "./monitoring-tests.tsx";
import { ProgressionFields } from "./progression.tsx";
import { RunFields } from "./run-fields.tsx";
import { TrialFields } from "./trial-fields.tsx";
import { RegressRules } from "./regress-rules.tsx";
import { SourceFields } from "./source-fields.tsx";
import type { ProgramForm, StagePath } from "./editor-form.ts";

/** One stage: its name and timing, the prescription (exercises, notes, source), its gates and its regress rules. */
export function Stage({
  form,
  index,
  count,
  onMove,
  onRemove,
}: {
  form: ProgramForm;
  index: number;
  count: number;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const prefix: StagePath = `stages.${index}`;
  const stageName = useWatch({ control: form.control, name: `${prefix}.name` });
  return (
    <fieldset className="editor-stage stack">
      <legend>
        Stage {index + 1}
        {stageName ? `: ${stageName}` : ""}
      </legend>
      <div className="editor-toolbar">
        <Button variant="secondary" size="small" disabled={index === 0} onClick={() => onMove(index - 1)}>
          Move stage up
        </Button>
        <Button variant="secondary" size="small" disabled={index === count - 1} onClick={() => onMove(index + 1)}>
          Move stage down
        </Button>
        <Button variant="ghost" size="small" disabled={count === 1} onClick={onRemove}>
          Remove stage
        </Button>
      </div>
      <div className="editor-fields editor-fields--wide">
        <TextField form={form} name={`${prefix}.name`} label="Stage name" />
        <TextField
          form={form}
          name={`${prefix}.minDays`}
          label="Minimum days in stage"
          hint="The one place for a stage's minimum stay"
          inputMode="numeric"
        />
        <TextField
          form={form}
          name={`${prefix}.prescription.frequencyPerWeek`}
          label="Sessions a week"
          inputMode="decimal"
        />
      </div>
      <TextField form={form} name={`${prefix}.goal`} label="Goal of the stage" />
      <TextAreaField
        form={form}
        name={`${prefix}.instructions`}
        label="Instructions for the patient (plain words)"
        rows={3}
      />
      <TextAreaField form={form} name={`${prefix}.notes`} label="Notes on this stage (clinicians only)" rows={2} />
      <RowHiddenField form={form} name={`${prefix}.id`} />
      <RowHiddenField form={form} name={`${prefix}._rest`} />
      <RowHiddenField form={form} name={`${prefix}.prescription._rest`} />
      <h3>Prescription</h3>
      <Exercises form={form} stage={prefix} />
      <TextAreaField
        form={form}
        name={`${prefix}.prescription.notes`}
        label="Prescription notes for the patient"
        hint="Plain instructions; no sources"
        rows={2}
      />
      <div className="editor-fields editor-fields--wide">
        <SourceFields form={form} prefix={`${prefix}.prescription`} what="prescription" />
      </div>
      <h3>Walk-run</h3>
      <RunFields form={form} stage={prefix} />
      <h3>Progression for the stage's exercises</h3>
      <p className="muted small">Steps the dose of every exercise with no progression of its own.</p>
      <ProgressionFields
        form={form}
        prefix={`${prefix}.progression`}
        kinds={LOAD_PROGRESSION_KINDS}
        title="Stage progression"
      />
      <h3>Tests scored the next morning</h3>
      <MonitoringTests form={form} stage={prefix} />
      <h3>Trial sessions</h3>
      <TrialFields form={form} stageIndex={index} />
      <h3>Gates to advance (all must be met)</h3>
      <CriteriaList form={form} name={`${prefix}.gates`} noun="Gate" />
      <h3>Regress rules</h3>
      <RegressRules form={form} stage={prefix} />
    </fieldset>
  );
}
