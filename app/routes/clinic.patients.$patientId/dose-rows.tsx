import type { InputHTMLAttributes } from "react";
import type { FieldPath } from "react-hook-form";
import type { input } from "zod/v4/core";
import { FieldError } from "~/components/forms/fields.tsx";
import type { SchemaFormOf } from "~/components/forms/use-schema-form.ts";
import { Badge } from "~/components/ui/layout.tsx";
import { DOSE_SIDES, type PersonalDoseSchema } from "~/schemas/personal-dose.ts";
import type { PlanRecord } from "./plan-section.tsx";

// The rows of "This patient's dose" (dose-section.tsx): one exercise per table row, small labelled inputs with their
// errors under them, and the run's fields.

type DoseView = NonNullable<PlanRecord["dose"]>;
export type DoseForm = SchemaFormOf<typeof PersonalDoseSchema>;
type Name = FieldPath<input<typeof PersonalDoseSchema>>;

/** A compact input in a table cell: labelled for screen readers, error under it. */
function Cell({
  form,
  name,
  label,
  width = "narrow",
  ...rest
}: {
  form: DoseForm;
  name: Name;
  label: string;
  width?: "narrow" | "wide";
} & Omit<InputHTMLAttributes<HTMLInputElement>, "form" | "name">) {
  const error = form.errorFor(name);
  const errorId = `f-${name.replace(/\./g, "-")}-error`;
  return (
    <div className={`dose-cell${error ? " field--invalid" : ""}`}>
      <input
        className={`input dose-input dose-input--${width}`}
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        defaultValue={form.defaultFor(name) as string | undefined}
        {...rest}
        {...form.register(name)}
      />
      <FieldError id={errorId} message={error} />
    </div>
  );
}

type RowDefaults = { exerciseId: string; origin: "program" | "added" | "new"; name: string };

export function DoseRow({
  form,
  index,
  row,
  view,
}: {
  form: DoseForm;
  index: number;
  row: RowDefaults;
  view: DoseView["rows"][number] | undefined;
}) {
  const base = `exercises.${index}` as const;
  const isNew = row.origin === "new";
  const who = isNew ? "New exercise" : row.name;
  const rowError = form.errorFor(`${base}.exerciseId`);
  return (
    <tr className={`dose-row${view?.dropped ? " dose-row--dropped" : view?.tailored ? " dose-row--tailored" : ""}`}>
      <td className="dose-name">
        <input type="hidden" {...form.register(`${base}.exerciseId`)} />
        <input type="hidden" {...form.register(`${base}.origin`)} />
        {isNew ? (
          <Cell
            form={form}
            name={`${base}.name`}
            label="New exercise: name"
            width="wide"
            placeholder="Add an exercise…"
          />
        ) : (
          <>
            <span>{row.name}</span>{" "}
            {view?.dropped ? (
              <Badge tone="warning">dropped</Badge>
            ) : view?.origin === "added" ? (
              <Badge tone="info">this patient only</Badge>
            ) : view?.tailored ? (
              <Badge tone="success">tailored</Badge>
            ) : null}
          </>
        )}
        <Cell
          form={form}
          name={`${base}.notes`}
          label={`${who}: notes for the patient`}
          width="wide"
          placeholder="Notes"
        />
        <FieldError id={`f-${base}-row-error`} message={rowError} />
      </td>
      <td className="small muted">{view?.programText ?? (isNew ? "" : "—")}</td>
      <td>
        <div className="dose-pair">
          <Cell form={form} name={`${base}.sets`} label={`${who}: sets`} inputMode="numeric" />
          <Cell
            form={form}
            name={`${base}.setsMax`}
            label={`${who}: most sets (optional)`}
            inputMode="numeric"
            placeholder="max"
          />
        </div>
      </td>
      <td>
        <div className="dose-pair">
          <Cell form={form} name={`${base}.reps`} label={`${who}: reps`} inputMode="numeric" />
          <Cell
            form={form}
            name={`${base}.repsMax`}
            label={`${who}: top of the rep range (optional)`}
            inputMode="numeric"
            placeholder="max"
          />
        </div>
      </td>
      <td>
        <Cell form={form} name={`${base}.holdSeconds`} label={`${who}: hold seconds`} inputMode="decimal" />
      </td>
      <td>
        <div className="dose-pair">
          <Cell form={form} name={`${base}.loadKg`} label={`${who}: load in kg`} inputMode="decimal" placeholder="kg" />
          <Cell
            form={form}
            name={`${base}.loadText`}
            label={`${who}: load in words`}
            width="wide"
            placeholder="words"
          />
        </div>
      </td>
      <td>
        <Cell form={form} name={`${base}.tempo`} label={`${who}: tempo`} />
      </td>
      <td>
        <Cell form={form} name={`${base}.perDay`} label={`${who}: times a day`} inputMode="numeric" />
      </td>
      <td>
        <Cell form={form} name={`${base}.perWeek`} label={`${who}: days a week`} inputMode="numeric" />
      </td>
      <td>
        <SideSelect form={form} name={`${base}.side`} label={`${who}: side`} />
      </td>
      <td>
        {isNew ? null : (
          <input
            type="checkbox"
            className="dose-drop"
            value="on"
            aria-label={`Drop ${who} for this patient`}
            defaultChecked={form.defaultFor(`${base}.drop`) === "on"}
            {...form.register(`${base}.drop`)}
          />
        )}
      </td>
    </tr>
  );
}

function SideSelect({ form, name, label }: { form: DoseForm; name: Name; label: string }) {
  const error = form.errorFor(name);
  const errorId = `f-${name.replace(/\./g, "-")}-error`;
  return (
    <div className={`dose-cell${error ? " field--invalid" : ""}`}>
      <select
        className="input dose-input dose-input--side"
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        defaultValue={(form.defaultFor(name) as string | undefined) ?? ""}
        {...form.register(name)}
      >
        <option value="">—</option>
        {DOSE_SIDES.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </select>
      <FieldError id={errorId} message={error} />
    </div>
  );
}

export function RunFields({ form, programText, tailored }: { form: DoseForm; programText: string; tailored: boolean }) {
  return (
    <fieldset className="dose-run">
      <legend>
        Run {tailored ? <Badge tone="success">tailored</Badge> : null}{" "}
        <span className="small muted">program: {programText}</span>
      </legend>
      <div className="dose-run__fields">
        <div className="dose-run__field">
          <span className="small" aria-hidden="true">
            Warm-up min
          </span>
          <Cell form={form} name="run.warmUpMinutes" label="Run: warm-up minutes" inputMode="decimal" />
        </div>
        <div className="dose-run__field">
          <span className="small" aria-hidden="true">
            Run min
          </span>
          <Cell form={form} name="run.runMinutes" label="Run: run minutes per repeat" inputMode="decimal" />
        </div>
        <div className="dose-run__field">
          <span className="small" aria-hidden="true">
            Walk min
          </span>
          <Cell form={form} name="run.walkMinutes" label="Run: walk minutes per repeat" inputMode="decimal" />
        </div>
        <div className="dose-run__field">
          <span className="small" aria-hidden="true">
            Repeats
          </span>
          <Cell form={form} name="run.repeats" label="Run: repeats" inputMode="numeric" />
        </div>
        <div className="dose-run__field">
          <span className="small" aria-hidden="true">
            Runs /week
          </span>
          <Cell form={form} name="run.perWeek" label="Run: runs a week" inputMode="numeric" />
        </div>
        <div className="dose-run__field dose-run__field--wide">
          <span className="small" aria-hidden="true">
            Notes
          </span>
          <Cell form={form} name="run.notes" label="Run: notes for the patient" width="wide" />
        </div>
      </div>
    </fieldset>
  );
}
