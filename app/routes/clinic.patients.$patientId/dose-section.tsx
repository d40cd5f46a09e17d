import { Form, useNavigation } from "@remix-run/react";
import type { PlanActionResult } from "~/components/clinic/plan-forms.tsx";
import { HiddenField, TextAreaField } from "~/components/forms/fields.tsx";
import { FormError } from "~/components/forms/form-error.tsx";
import { useSchemaForm } from "~/components/forms/use-schema-form.ts";
import { Button } from "~/components/ui/button.tsx";
import { Card, Notice } from "~/components/ui/layout.tsx";
import { PersonalDoseSchema } from "~/schemas/personal-dose.ts";
import { formatDate } from "~/utils/dates.ts";
import { DoseRow, RunFields } from "./dose-rows.tsx";
import type { PlanRecord } from "./plan-section.tsx";

// "This patient's dose": the physio tailors each exercise of the current stage for this patient, beside the
// program's dose (docs/decisions/052-personal-prescription.md). One compact row per exercise, a spare row to add one.

type DoseView = NonNullable<PlanRecord["dose"]>;

const EMPTY_ROW = {
  sets: "",
  setsMax: "",
  reps: "",
  repsMax: "",
  holdSeconds: "",
  loadKg: "",
  loadText: "",
  tempo: "",
  perDay: "",
  perWeek: "",
  side: "",
  notes: "",
};

export function DoseSection({ dose, result }: { dose: DoseView; result?: PlanActionResult }) {
  const failed = result && !result.ok && result.intent === "tailor-dose" ? result : null;
  const saved = result?.ok && result.intent === "tailor-dose" ? result : null;
  const preparing = dose.target === "prepared";
  return (
    <Card
      title={
        preparing
          ? `This patient's starting dose for stage ${dose.stageNumber}: ${dose.stageName}`
          : "This patient's dose"
      }
      id="dose"
    >
      <PrepareStagePicker dose={dose} />
      {preparing ? (
        <Notice tone="info">
          You are preparing a coming stage: the patient keeps their current dose until they enter this stage, and then
          starts from this one instead of the program's.
        </Notice>
      ) : null}
      {dose.fromPrepared ? <p className="small muted">This stage started from the dose you prepared for it.</p> : null}
      {dose.reviewDue ? (
        <Notice tone="warning">
          New stage: review the dose. The patient started this stage on the program's dose; change it below, or save it
          as it is to record that you reviewed it.
        </Notice>
      ) : null}
      {saved ? <Notice tone="success">{saved.message}</Notice> : null}
      {/* Keyed by version: after any save (ours or a colleague's) the form starts again from the dose as stored. */}
      <DoseForm key={`${dose.stageId}:${dose.doseVersion}:${dose.programVersion}`} dose={dose} failed={failed} />
    </Card>
  );
}

function DoseForm({ dose, failed }: { dose: DoseView; failed: Extract<PlanActionResult, { ok: false }> | null }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "tailor-dose";
  const stale = failed?.fieldErrors.doseVersion !== undefined;
  const defaults = {
    planId: dose.planId,
    stageId: dose.stageId,
    target: dose.target,
    doseVersion: String(dose.doseVersion),
    programVersion: String(dose.programVersion),
    exercises: [
      ...dose.rows.map((r) => ({
        exerciseId: r.exerciseId,
        origin: r.origin,
        name: r.name,
        drop: r.dropped ? "on" : "",
        ...r.values,
      })),
      { exerciseId: "", origin: "new" as const, name: "", drop: "", ...EMPTY_ROW },
    ],
    ...(dose.run ? { run: dose.run.values } : {}),
    doseReason: "",
    // What was typed comes back with field errors; a stale form starts again from the stored dose.
    ...(failed && !stale ? failed.values : {}),
  };
  const form = useSchemaForm(PersonalDoseSchema, {
    defaultValues: defaults as never,
    serverErrors: stale ? null : failed?.fieldErrors,
  });
  const rows = defaults.exercises;
  return (
    <Form method="post" className="form" noValidate onSubmit={form.onSubmit} aria-label="This patient's dose">
      <input type="hidden" name="intent" value="tailor-dose" />
      <HiddenField form={form} name="planId" />
      <HiddenField form={form} name="stageId" />
      <HiddenField form={form} name="target" />
      <HiddenField form={form} name="doseVersion" />
      <HiddenField form={form} name="programVersion" />
      <FormError message={failed?.formError} />
      <p className="small muted">
        Blank means none. Load: kg, or words such as “body weight” (both: “backpack + 10 kg”). Untouched rows follow the
        program.
        {dose.lastChange ? (
          <>
            {" "}
            Last changed {formatDate(dose.lastChange.at)}: “{dose.lastChange.reason}”.
          </>
        ) : null}
      </p>
      {/* Scrolls sideways on a narrow screen: a focusable, labelled region, so a keyboard can scroll it too. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- focusable on purpose, as said above */}
      <div className="dose-table-wrap" role="region" aria-label="Exercise doses" tabIndex={0}>
        <table className="dose-table">
          <caption className="visually-hidden">Each exercise: the program's dose and this patient's</caption>
          <thead>
            <tr>
              <th scope="col">Exercise</th>
              <th scope="col">Program's dose</th>
              <th scope="col">Sets</th>
              <th scope="col">Reps (min–max)</th>
              <th scope="col">Hold s</th>
              <th scope="col">Load kg · words</th>
              <th scope="col">Tempo</th>
              <th scope="col">/day</th>
              <th scope="col">/week</th>
              <th scope="col">Side</th>
              <th scope="col">Drop</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <DoseRow key={row.exerciseId || "new"} form={form} index={i} row={row} view={dose.rows[i]} />
            ))}
          </tbody>
        </table>
      </div>
      {dose.run ? <RunFields form={form} programText={dose.run.programText} tailored={dose.run.tailored} /> : null}
      <TextAreaField
        form={form}
        name="doseReason"
        label="Why (kept in the audit trail)"
        rows={2}
        placeholder="e.g. Deconditioned: start lighter and build up"
      />
      <div>
        <Button type="submit" disabled={busy}>
          {dose.target === "prepared" ? "Save the starting dose of this stage" : "Save this patient's dose"}
        </Button>
      </div>
    </Form>
  );
}

/** A plain GET form: open another stage's starting dose to prepare it, or go back to the current stage's. */
function PrepareStagePicker({ dose }: { dose: DoseView }) {
  if (dose.otherStages.length === 0) return null;
  return (
    <div className="row small dose-prepare">
      {dose.target === "prepared" ? <a href="?#dose">← Back to the current stage's dose</a> : null}
      <form method="get" action="#dose" className="row">
        <label htmlFor="dose-stage">Prepare the starting dose of</label>
        <select
          id="dose-stage"
          name="doseStage"
          className="input dose-input dose-input--stage"
          defaultValue={dose.target === "prepared" ? dose.stageId : ""}
        >
          <option value="" disabled>
            another stage…
          </option>
          {dose.otherStages.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--secondary button--small">
          Open
        </button>
      </form>
    </div>
  );
}
