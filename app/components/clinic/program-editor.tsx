import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useFieldArray, useWatch } from "react-hook-form";
import { FieldError, SelectField, TextAreaField, TextField } from "~/components/forms/fields.tsx";
import { FormError } from "~/components/forms/form-error.tsx";
import type { SchemaForm } from "~/components/forms/use-schema-form.ts";
import { Button } from "~/components/ui/button.tsx";
import { capitalise } from "~/utils/form-fields.ts";
import { blankCriterion, blankStage } from "~/schemas/program-form/blank-values.ts";
import { CRITERION_FIELDS, CRITERION_KINDS, isDedicated } from "~/schemas/program-form/criterion-field-specs.ts";
import { EXERCISE_FIELDS } from "~/schemas/program-form/exercise-field-specs.ts";
import type { FieldSpec } from "~/schemas/program-form/field-spec.ts";

const KIND_LABELS: Record<string, string> = {
  pain: "Pain",
  capacity: "Capacity / limb symmetry",
  questionnaire: "Questionnaire",
  time: "Time",
  adherence: "Adherence",
  signoff: "Clinician sign-off",
  swelling: "Swelling",
  settle: "Settles by next morning",
  trend: "Week-on-week trend",
  repetitions: "Repeated sessions",
  soreness: "Soreness rules",
};

const shortId = () => Math.random().toString(36).slice(2, 7);

const COMPARATOR_LABELS: Record<string, string> = {
  lte: "≤ at most",
  lt: "< below",
  gte: "≥ at least",
  gt: "> above",
  eq: "= exactly",
};
/** Clinician wording for option values whose id alone is unclear (others show the id with spaces). */
const OPTION_LABELS: Record<string, Record<string, string>> = {
  soreness: {
    none: "no soreness",
    warmup_resolved: "sore at warm-up, gone after it",
    warmup_persisted: "sore at warm-up, and it stayed",
    after_1h_or_next_day: "sore over 1 h after, or the next day",
  },
  baseline: { pre_session: "that session day's morning report", fixed: "a fixed value" },
};

function optionLabel(spec: FieldSpec, value: string) {
  if (spec.name === "comparator") return COMPARATOR_LABELS[value] ?? value;
  const key = spec.name.split(".").pop()!;
  return OPTION_LABELS[key === "levels" ? "soreness" : key]?.[value] ?? value.replace(/_/g, " ");
}

/** A group of checkboxes: several of the options (posted as repeated keys; none ticked posts nothing). */
function MultiField({ form, name, spec }: { form: SchemaForm; name: string; spec: FieldSpec }) {
  const base = `f-${name.replace(/[^a-zA-Z0-9_-]/g, "-")}`;
  const error = form.errorFor(name);
  const current = form.defaultFor(name);
  const ticked = Array.isArray(current) ? current.map(String) : typeof current === "string" && current ? [current] : [];
  return (
    <fieldset
      className={`field choice${error ? " field--invalid" : ""}`}
      aria-describedby={
        [spec.hint ? `${base}-hint` : null, error ? `${base}-error` : null].filter(Boolean).join(" ") || undefined
      }
    >
      <legend className="field__label">{spec.label}</legend>
      {spec.hint ? (
        <p className="field__hint" id={`${base}-hint`}>
          {spec.hint}
        </p>
      ) : null}
      <div className="choice__options">
        {(spec.options ?? []).map((o) => (
          <label key={o} className="choice__option">
            <input
              type="checkbox"
              value={o}
              defaultChecked={ticked.includes(o)}
              aria-invalid={error ? true : undefined}
              {...form.register(name)}
            />
            <span>{optionLabel(spec, o)}</span>
          </label>
        ))}
      </div>
      <FieldError id={`${base}-error`} message={error} />
    </fieldset>
  );
}

/** One field of a criterion, chosen by its spec (text, number, select, yes/no, or a days/sessions window). */
function SpecField({ form, prefix, spec }: { form: SchemaForm; prefix: string; spec: FieldSpec }) {
  const name = `${prefix}.${spec.name}`;
  if (spec.type === "window") {
    return (
      <>
        <TextField
          form={form}
          name={`${prefix}.windowCount`}
          label="Window length"
          hint={spec.hint}
          inputMode="numeric"
        />
        <SelectField
          form={form}
          name={`${prefix}.windowUnit`}
          label="Window unit"
          options={[
            { value: "days", label: "days" },
            { value: "sessions", label: "sessions" },
          ]}
        />
      </>
    );
  }
  if (spec.type === "multi") return <MultiField form={form} name={name} spec={spec} />;
  if (spec.type === "select" || spec.type === "bool") {
    const values = spec.type === "bool" ? ["true", "false"] : [...(spec.options ?? [])];
    const options = values.map((v) => ({
      value: v,
      label: spec.type === "bool" ? (v === "true" ? "yes" : "no") : optionLabel(spec, v),
    }));
    return (
      <SelectField
        form={form}
        name={name}
        label={spec.label}
        hint={spec.hint}
        options={spec.optional ? [{ value: "", label: "(default)" }, ...options] : options}
      />
    );
  }
  return (
    <TextField
      form={form}
      name={name}
      label={spec.label}
      hint={spec.hint}
      inputMode={spec.type === "number" ? "decimal" : undefined}
    />
  );
}

const OURS_OPTIONS = [
  { value: "", label: "(not said)" },
  { value: "true", label: "yes, our reading" },
  { value: "false", label: "no, the source's" },
];

/** The clinician-only provenance of a prescription or an exercise (its citation links ride in the hidden _rest). */
function SourceFields({ form, prefix, what }: { form: SchemaForm; prefix: string; what: string }) {
  return (
    <>
      <TextField
        form={form}
        name={`${prefix}.sourceNote`}
        label={`Source of the ${what} (clinicians only)`}
        hint="Which part is the source's, which is your reading; never shown to the patient"
      />
      <SelectField
        form={form}
        name={`${prefix}.sourceOurs`}
        label={`${capitalise(what)} numbers are our reading`}
        options={OURS_OPTIONS}
      />
    </>
  );
}

function Hidden({ form, name }: { form: SchemaForm; name: string }) {
  return <input type="hidden" {...form.register(name)} defaultValue={String(form.defaultFor(name) ?? "")} />;
}

function CriterionFields({
  form,
  prefix,
  onRemove,
  title,
}: {
  form: SchemaForm;
  prefix: string;
  onRemove: () => void;
  title: string;
}) {
  const kind = useWatch({ control: form.control, name: `${prefix}.kind` }) as string;
  return (
    <fieldset className="editor-block">
      <legend>{title}</legend>
      <div className="editor-fields">
        <SelectField
          form={form}
          name={`${prefix}.kind`}
          label="Kind"
          options={CRITERION_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] ?? k }))}
        />
        <TextField form={form} name={`${prefix}.id`} label="Id" hint="lower-case, unique here" />
        <TextField form={form} name={`${prefix}.label`} label="Label (optional)" />
      </div>
      <Hidden form={form} name={`${prefix}._rest`} />
      {isDedicated(kind) ? (
        <div className="editor-fields">
          {(CRITERION_FIELDS[kind] as readonly FieldSpec[]).map((spec) => (
            <SpecField key={spec.name} form={form} prefix={prefix} spec={spec} />
          ))}
        </div>
      ) : null}
      <div>
        <Button variant="ghost" size="small" onClick={onRemove}>
          Remove this criterion
        </Button>
      </div>
    </fieldset>
  );
}

function CriteriaList({ form, name, noun }: { form: SchemaForm; name: string; noun: string }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name, keyName: "key" });
  const error = form.errorFor(name);
  return (
    <div className="stack">
      {fields.map((f, i) => (
        <CriterionFields
          key={f.key}
          form={form}
          prefix={`${name}.${i}`}
          title={`${noun} ${i + 1}`}
          onRemove={() => remove(i)}
        />
      ))}
      {error ? <p className="field__error">{error}</p> : null}
      <div className="editor-toolbar">
        <AddCriterion
          noun={noun}
          onAdd={(kind) =>
            append(blankCriterion(kind, `${kind}-${shortId()}`), { focusName: `${name}.${fields.length}.kind` })
          }
        />
      </div>
    </div>
  );
}

function AddCriterion({ noun, onAdd }: { noun: string; onAdd: (kind: (typeof CRITERION_KINDS)[number]) => void }) {
  const [open, setOpen] = useState(false);
  const add = (kind: (typeof CRITERION_KINDS)[number]) => {
    onAdd(kind);
    setOpen(false);
  };
  return (
    <div className="stack">
      <div>
        <Button variant="secondary" size="small" aria-expanded={open} onClick={() => setOpen(!open)}>
          Add a {noun.toLowerCase()}
        </Button>
      </div>
      {open ? (
        <div className="editor-toolbar" role="group" aria-label={`Kind of ${noun.toLowerCase()}`}>
          {CRITERION_KINDS.map((k) => (
            <Button key={k} size="small" variant="secondary" onClick={() => add(k)}>
              {KIND_LABELS[k]}
            </Button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

function Exercises({ form, stage }: { form: SchemaForm; stage: string }) {
  const name = `${stage}.prescription.exercises`;
  const { fields, append, remove, move } = useFieldArray({ control: form.control, name, keyName: "key" });
  return (
    <div className="stack">
      {fields.map((f, i) => (
        <fieldset key={f.key} className="editor-block">
          <legend>Exercise {i + 1}</legend>
          <div className="editor-fields">
            {EXERCISE_FIELDS.map((spec) => (
              <SpecField key={spec.name} form={form} prefix={`${name}.${i}`} spec={spec} />
            ))}
            <TextField
              form={form}
              name={`${name}.${i}.loadText`}
              label="Load (as shown)"
              hint="e.g. body weight, backpack 10 kg"
            />
            <SourceFields form={form} prefix={`${name}.${i}`} what="exercise" />
          </div>
          <Hidden form={form} name={`${name}.${i}._rest`} />
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

function RegressRules({ form, stage }: { form: SchemaForm; stage: string }) {
  const name = `${stage}.regressRules`;
  const { fields, append, remove } = useFieldArray({ control: form.control, name, keyName: "key" });
  const stages = (useWatch({ control: form.control, name: "stages" }) ?? []) as Array<{ id?: string; name?: string }>;
  return (
    <div className="stack">
      {fields.map((f, i) => (
        <RegressRule
          key={f.key}
          form={form}
          prefix={`${name}.${i}`}
          index={i}
          stages={stages}
          onRemove={() => remove(i)}
        />
      ))}
      <div>
        <Button
          variant="secondary"
          size="small"
          onClick={() =>
            append({
              id: `rule-${shortId()}`,
              label: "",
              when: "",
              restDays: "",
              patientAdvice: "",
              _rest: "",
              criteria: [blankCriterion("pain", `pain-${shortId()}`)],
              action: { to: "previous", steps: "", stageId: "", loadReductionPercent: "" },
            })
          }
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
  stages,
  onRemove,
}: {
  form: SchemaForm;
  prefix: string;
  index: number;
  stages: Array<{ id?: string; name?: string }>;
  onRemove: () => void;
}) {
  const to = useWatch({ control: form.control, name: `${prefix}.action.to` }) as string;
  return (
    <fieldset className="editor-block">
      <legend>Regress rule {index + 1}</legend>
      <div className="editor-fields editor-fields--wide">
        <TextField form={form} name={`${prefix}.id`} label="Id" />
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
            { value: "previous", label: "back one stage" },
            { value: "back", label: "back N stages" },
            { value: "stage", label: "to a named stage" },
            { value: "stay", label: "stay, with less load" },
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
            options={stages.filter((s) => s.id).map((s) => ({ value: s.id!, label: s.name || s.id! }))}
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
      <Hidden form={form} name={`${prefix}._rest`} />
      <div>
        <Button variant="ghost" size="small" onClick={onRemove}>
          Remove rule
        </Button>
      </div>
    </fieldset>
  );
}

function Stage({
  form,
  index,
  count,
  onMove,
  onRemove,
}: {
  form: SchemaForm;
  index: number;
  count: number;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const prefix = `stages.${index}`;
  const stageName = useWatch({ control: form.control, name: `${prefix}.name` }) as string;
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
        <TextField form={form} name={`${prefix}.id`} label="Stage id" hint="lower-case; plans refer to it" />
        <TextField form={form} name={`${prefix}.minDays`} label="Minimum days in stage" inputMode="numeric" />
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
      <Hidden form={form} name={`${prefix}._rest`} />
      <Hidden form={form} name={`${prefix}.prescription._rest`} />
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
      <h3>Gates to advance (all must be met)</h3>
      <CriteriaList form={form} name={`${prefix}.gates`} noun="Gate" />
      <h3>Regress rules</h3>
      <RegressRules form={form} stage={prefix} />
    </fieldset>
  );
}

function Citations({ form }: { form: SchemaForm }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "citations", keyName: "key" });
  return (
    <div className="stack">
      {fields.length === 0 ? (
        <p className="muted small">No citations yet. Numbers you set yourself are your clinic's reading.</p>
      ) : null}
      {fields.map((f, i) => (
        <fieldset key={f.key} className="editor-block">
          <legend>Citation {i + 1}</legend>
          <div className="editor-fields editor-fields--wide">
            <TextField form={form} name={`citations.${i}.id`} label="Id" />
            <TextField form={form} name={`citations.${i}.authors`} label="Authors" />
            <TextField form={form} name={`citations.${i}.year`} label="Year" inputMode="numeric" />
            <TextField form={form} name={`citations.${i}.title`} label="Title" />
            <TextField form={form} name={`citations.${i}.journal`} label="Journal" />
            <TextField form={form} name={`citations.${i}.note`} label="Note (optional)" />
          </div>
          <div>
            <Button variant="ghost" size="small" onClick={() => remove(i)}>
              Remove citation
            </Button>
          </div>
        </fieldset>
      ))}
      <div>
        <Button
          variant="secondary"
          size="small"
          onClick={() => append({ id: `ref-${shortId()}`, authors: "", year: "", title: "", journal: "", note: "" })}
        >
          Add a citation
        </Button>
      </div>
    </div>
  );
}

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
  form: SchemaForm;
  submitLabel: string;
  formError?: string;
  serverErrors?: Record<string, string> | null;
}) {
  const navigation = useNavigation();
  const stages = useFieldArray({ control: form.control, name: "stages", keyName: "key" });
  const errorCount = serverErrors ? Object.keys(serverErrors).length : 0;
  return (
    <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
      <FormError message={formError} />
      {errorCount > 0 ? (
        <div className="notice notice--error editor-error-summary" role="alert">
          {errorCount === 1 ? "One field needs" : `${errorCount} fields need`} attention before the program can be
          saved. Nothing was saved.
          <ul className="small">
            {Object.entries(serverErrors!)
              .slice(0, 8)
              .map(([path, message]) => (
                <li key={path}>
                  {path.replace(/\./g, " › ")}: {message}
                </li>
              ))}
          </ul>
        </div>
      ) : null}
      <Hidden form={form} name="id" />
      <Hidden form={form} name="version" />
      <Hidden form={form} name="_rest" />
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
        <div className="editor-fields">
          <TextField form={form} name="painModel.name" label="Name" />
          <TextField
            form={form}
            name="painModel.duringMax"
            label="Max pain during (0–10)"
            hint="Blank: pain allowed"
            inputMode="decimal"
          />
          <TextField
            form={form}
            name="painModel.afterMax"
            label="Max pain after (0–10)"
            hint="Blank: no separate limit"
            inputMode="decimal"
          />
          <SelectField
            form={form}
            name="painModel.inclusive"
            label="Pain at the limit is"
            options={[
              { value: "true", label: "acceptable (≤)" },
              { value: "false", label: "too much (<)" },
            ]}
          />
          <SelectField
            form={form}
            name="painModel.settleBy"
            label="Symptoms settle by"
            options={[
              { value: "next_morning", label: "next morning" },
              { value: "24h", label: "24 hours" },
              { value: "none", label: "no rule" },
            ]}
          />
          <SelectField
            form={form}
            name="painModel.weekOnWeek"
            label="Week on week"
            options={[
              { value: "no_rise", label: "no rise" },
              { value: "none", label: "no rule" },
            ]}
          />
          <TextField form={form} name="painModel.redFlagPain" label="Flag pain at or above" inputMode="decimal" />
        </div>
        <Hidden form={form} name="painModel._rest" />
      </section>
      <section className="stack" aria-labelledby="stages-heading">
        <h2 id="stages-heading">Stages</h2>
        {stages.fields.map((f, i) => (
          <Stage
            key={f.key}
            form={form}
            index={i}
            count={stages.fields.length}
            onMove={(to) => stages.move(i, to)}
            onRemove={() => stages.remove(i)}
          />
        ))}
        {form.errorFor("stages") ? <p className="field__error">{form.errorFor("stages")}</p> : null}
        <div>
          <Button
            variant="secondary"
            onClick={() =>
              stages.append(blankStage(stages.fields.length + 1), { focusName: `stages.${stages.fields.length}.name` })
            }
          >
            Add a stage
          </Button>
        </div>
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
