import { useState } from "react";
import { useFieldArray, useWatch } from "react-hook-form";
import { SelectField, TextField } from "~/components/forms/fields.tsx";
import { RowHiddenField } from "./row-hidden-field.tsx";
import { Button } from "~/components/ui/button.tsx";
import { blankCriterion } from "~/schemas/program-form/blank-values.ts";
import { CRITERION_FIELDS, CRITERION_KINDS, isDedicated } from "~/schemas/program-form/criterion-field-specs.ts";
import type { FieldSpec } from "~/schemas/program-form/field-spec.ts";
import { KIND_LABELS } from "./option-labels.ts";
import { shortId } from "./short-id.ts";
import { SpecField, WindowFields } from "./spec-field.tsx";
import type { CriteriaPath, CriterionPath, ProgramForm } from "./editor-form.ts";

/** One criterion: its kind, id and label, then the dedicated fields of its kind. */
function CriterionFields({
  form,
  prefix,
  onRemove,
  title,
}: {
  form: ProgramForm;
  prefix: CriterionPath;
  onRemove: () => void;
  title: string;
}) {
  const kind = useWatch({ control: form.control, name: `${prefix}.kind` });
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
        <TextField form={form} name={`${prefix}.label`} label="Label (optional)" />
      </div>
      <RowHiddenField form={form} name={`${prefix}.id`} />
      <RowHiddenField form={form} name={`${prefix}._rest`} />
      {isDedicated(kind) ? (
        <div className="editor-fields">
          {(CRITERION_FIELDS[kind] as readonly FieldSpec[]).map((spec) =>
            spec.type === "window" ? (
              <WindowFields key={spec.name} form={form} prefix={prefix} spec={spec} />
            ) : (
              <SpecField key={spec.name} form={form} name={`${prefix}.${spec.name}`} spec={spec} />
            ),
          )}
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

/** A stage's gates or a regress rule's criteria: one block per criterion, and a button to add one of any kind. */
export function CriteriaList({ form, name, noun }: { form: ProgramForm; name: CriteriaPath; noun: string }) {
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
          onAdd={(kind) => {
            form.rowAdded(`${name}.${fields.length}`);
            append(blankCriterion(kind, `${kind}-${shortId()}`), { focusName: `${name}.${fields.length}.kind` });
          }}
        />
      </div>
    </div>
  );
}

/** "Add a gate": opens a row of the criterion kinds to choose from. */
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
