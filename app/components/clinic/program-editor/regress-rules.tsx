import { useFieldArray, useWatch } from "react-hook-form";
import { SelectField, TextField } from "~/components/forms/fields.tsx";
import { RowHiddenField } from "./row-hidden-field.tsx";
import { Button } from "~/components/ui/button.tsx";
import { blankCriterion } from "~/schemas/program-form/blank-values.ts";
import { CriteriaList } from "./criteria.tsx";
import { idFromName } from "~/schemas/program-form/id-from-name.ts";
import { shortId } from "./short-id.ts";
import type { ProgramForm, RegressRulePath, StagePath } from "./editor-form.ts";

/** A stage in words: "Stage 1 — Isometrics". */
const stageWords = (index: number, name: string | undefined) => `Stage ${index + 1}${name ? ` — ${name}` : ""}`;

/** A stage's regress rules: when each triggers (its criteria) and where it sends the patient. */
export function RegressRules({ form, stage }: { form: ProgramForm; stage: StagePath }) {
  const name = `${stage}.regressRules` as const;
  const { fields, append, remove } = useFieldArray({ control: form.control, name, keyName: "key" });
  const stages = useWatch({ control: form.control, name: "stages" }) ?? [];
  return (
    <div className="stack">
      {fields.map((f, i) => (
        <RegressRule
          key={f.key}
          form={form}
          prefix={`${name}.${i}`}
          index={i}
          stageIndex={Number(stage.split(".")[1])}
          stages={stages}
          onRemove={() => remove(i)}
        />
      ))}
      <div>
        <Button
          variant="secondary"
          size="small"
          onClick={() => {
            form.rowAdded(`${name}.${fields.length}`);
            // The usual rule to start from: pain during above the pain model's limit sends the patient back one stage.
            append(
              {
                id: `rule-${shortId()}`,
                label: "Pain flare",
                when: "",
                restDays: "",
                patientAdvice: "",
                _rest: "",
                criteria: [blankCriterion("pain", `pain-${shortId()}`)],
                action: { to: "previous", steps: "", stageId: "", loadReductionPercent: "" },
              },
              { focusName: `${name}.${fields.length}.label` },
            );
          }}
        >
          Add a regress rule
        </Button>
      </div>
    </div>
  );
}

function RegressRule({
  form,
  prefix,
  index,
  stageIndex,
  stages,
  onRemove,
}: {
  form: ProgramForm;
  prefix: RegressRulePath;
  index: number;
  stageIndex: number;
  stages: Array<{ id?: string; name?: string }>;
  onRemove: () => void;
}) {
  const to = useWatch({ control: form.control, name: `${prefix}.action.to` });
  const previous = stageIndex > 0 ? stages[stageIndex - 1] : undefined;
  return (
    <fieldset className="editor-block">
      <legend>Regress rule {index + 1}</legend>
      <div className="editor-fields editor-fields--wide">
        <TextField form={form} name={`${prefix}.label`} label="Label" hint="e.g. Pain flare" />
        <SelectField
          form={form}
          name={`${prefix}.when`}
          label="Triggers when"
          options={[
            { value: "", label: "any criterion is met" },
            { value: "all", label: "all criteria are met" },
          ]}
        />
      </div>
      <CriteriaList form={form} name={`${prefix}.criteria`} noun="Criterion" />
      <div className="editor-fields">
        <SelectField
          form={form}
          name={`${prefix}.action.to`}
          label="Then"
          options={[
            {
              value: "previous",
              label: previous
                ? `back to ${stageWords(stageIndex - 1, previous.name)}`
                : "back one stage (on the first stage: stay)",
            },
            { value: "back", label: "back N stages" },
            { value: "stage", label: "to a named stage" },
            { value: "stay", label: "stay, with less load" },
            { value: "repeat", label: "repeat this stage (start it over)" },
          ]}
        />
        {to === "back" ? (
          <TextField form={form} name={`${prefix}.action.steps`} label="Stages back" inputMode="numeric" />
        ) : null}
        {to === "stage" ? (
          <SelectField
            form={form}
            name={`${prefix}.action.stageId`}
            label="Stage"
            placeholder="Choose…"
            options={stages
              .map((s, i) => ({
                value: s.id || idFromName(s.name ?? "", `stage-${i + 1}`),
                label: stageWords(i, s.name),
              }))
              .slice(0, stageIndex + 1)}
          />
        ) : null}
        <TextField
          form={form}
          name={`${prefix}.action.loadReductionPercent`}
          label="Load reduction %"
          inputMode="decimal"
        />
        <TextField form={form} name={`${prefix}.restDays`} label="Rest days" inputMode="numeric" />
      </div>
      <TextField form={form} name={`${prefix}.patientAdvice`} label="Advice shown to the patient" />
      <RowHiddenField form={form} name={`${prefix}.id`} />
      <RowHiddenField form={form} name={`${prefix}._rest`} />
      <div>
        <Button variant="ghost" size="small" onClick={onRemove}>
          Remove rule
        </Button>
      </div>
    </fieldset>
  );
}
