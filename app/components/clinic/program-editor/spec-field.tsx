import { useWatch } from "react-hook-form";
import { FieldError, SelectField, TextField } from "~/components/forms/fields.tsx";
import { CAPACITY_MEASURES, capacityMeasureLabel } from "~/schemas/program-form/capacity-measures.ts";
import type { FieldSpec } from "~/schemas/program-form/field-spec.ts";
import { optionLabel } from "./option-labels.ts";
import { RowHiddenField } from "./row-hidden-field.tsx";
import { stageIndexOf, useStageExercises, useStageTests } from "./stage-tests.ts";
import type { CriterionPath, ProgramFieldName, ProgramForm } from "./editor-form.ts";

/** A group of checkboxes: several of the options (posted as repeated keys; none ticked posts nothing). */
function MultiField({ form, name, spec }: { form: ProgramForm; name: ProgramFieldName; spec: FieldSpec }) {
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

/** A criterion's window: a number of days or of sessions (spec type "window"; two fields, one setting). */
export function WindowFields({ form, prefix, spec }: { form: ProgramForm; prefix: CriterionPath; spec: FieldSpec }) {
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

/** A choice among named things (the stage's tests, the capacity tests): the field's current value always stays one. */
function NamedChoiceField({ form, name, spec }: { form: ProgramForm; name: ProgramFieldName; spec: FieldSpec }) {
  const current = useWatch({ control: form.control, name });
  const value = typeof current === "string" ? current : "";
  const stageTests = useStageTests(form, stageIndexOf(name), spec.type === "stageTest" ? [value] : []);
  const stageExercises = useStageExercises(form, stageIndexOf(name), spec.type === "stageExercise" ? value : "");
  const options =
    spec.type === "stageTest"
      ? stageTests
      : spec.type === "stageExercise"
        ? stageExercises
        : [...new Set([...CAPACITY_MEASURES, ...(value ? [value] : [])])].map((m) => ({
            value: m,
            label: capacityMeasureLabel(m),
          }));
  return (
    <SelectField
      form={form}
      name={name}
      label={spec.label}
      hint={spec.hint}
      placeholder={spec.optional ? undefined : "Choose…"}
      options={spec.optional ? [{ value: "", label: "(none)" }, ...options] : options}
    />
  );
}

/**
 * One field of a criterion, an exercise or a progression rule, chosen by its spec (text, number, select, yes/no, a
 * checkbox group, or a choice of named things).
 */
export function SpecField({ form, name, spec }: { form: ProgramForm; name: ProgramFieldName; spec: FieldSpec }) {
  if (spec.type === "multi") return <MultiField form={form} name={name} spec={spec} />;
  if (spec.type === "hiddenId") return <RowHiddenField form={form} name={name} />;
  if (spec.type === "stageTest" || spec.type === "capacityMeasure" || spec.type === "stageExercise")
    return <NamedChoiceField form={form} name={name} spec={spec} />;
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
