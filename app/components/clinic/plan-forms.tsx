import type { ReactNode } from "react";
import { Form, useNavigation } from "@remix-run/react";
import { useWatch, type FieldPath, type FieldValues } from "react-hook-form";
import { HiddenField, SelectField, TextAreaField, TextField } from "~/components/forms/fields.tsx";
import { FormError } from "~/components/forms/form-error.tsx";
import { useSchemaForm, type SchemaForm } from "~/components/forms/use-schema-form.ts";
import { Button } from "~/components/ui/button.tsx";
import { MEASURE_NAMES } from "~/engine/measure-names.ts";
import { type InviteEmailNotice } from "~/content/invite-email.ts";
import {
  APPROVAL_MODES,
  CapacityMeasurementSchema,
  DOSE_APPROVAL_MODES,
  DoseApprovalSchema,
  MoveStageSchema,
  OverrideDecisionSchema,
  QUESTIONNAIRE_RANGES,
  QuestionnaireMeasurementSchema,
  SignoffSchema,
  StartPlanSchema,
} from "~/schemas/plan-actions.ts";

/** What the patient page's action answers; each form shows only the answer to its own intent. */
export type PlanActionResult =
  | { ok: true; intent: string; message: string; inviteUrl?: string; emailNotice?: InviteEmailNotice }
  | {
      ok: false;
      intent: string;
      fieldErrors: Record<string, string>;
      values: Record<string, unknown>;
      formError?: string;
    };

export function failureFor(result: PlanActionResult | undefined, intent: string) {
  return result && !result.ok && result.intent === intent ? result : null;
}

function Intent({ value }: { value: string }) {
  return <input type="hidden" name="intent" value={value} />;
}

export function useBusy(intent: string) {
  const navigation = useNavigation();
  return navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
}

/** A form acting on the plan: its intent, the plan id, the form-level error, the fields, then the submit button. */
function PlanActionForm<T extends FieldValues>(props: {
  intent: string;
  form: SchemaForm<T>;
  /** The form's plan id field, always "planId": named by the caller so TypeScript checks the form has it. */
  planIdField: FieldPath<T>;
  formError?: string;
  submitLabel: string;
  children: ReactNode;
}) {
  const busy = useBusy(props.intent);
  return (
    <Form method="post" className="form" noValidate onSubmit={props.form.onSubmit}>
      <Intent value={props.intent} />
      <HiddenField form={props.form} name={props.planIdField} />
      <FormError message={props.formError} />
      {props.children}
      <div>
        <Button type="submit" variant="secondary" disabled={busy}>
          {props.submitLabel}
        </Button>
      </div>
    </Form>
  );
}

type ProgramOption = {
  id: string;
  name: string;
  builtIn: boolean;
  version: number;
  stages: Array<{ id: string; name: string }>;
  /** Dates the program counts days from. */
  countsFrom?: Array<"surgery" | "injury">;
};

export function StartPlanForm({
  programs,
  today,
  result,
  patientDates,
}: {
  programs: ProgramOption[];
  today: string;
  result?: PlanActionResult;
  /** The patient's injury and surgery dates, to warn about a program that counts from one they lack. */
  patientDates?: { injury: string | null; surgery: string | null };
}) {
  const failed = failureFor(result, "start-plan");
  const form = useSchemaForm(StartPlanSchema, {
    defaultValues: {
      programId: "",
      startStageId: "",
      startDate: today,
      approvalMode: "confirm",
      goalText: "",
      goalActivity: "",
      goalTargetDate: "",
      ...(failed?.values ?? {}),
    },
    serverErrors: failed?.fieldErrors,
  });
  const programId = useWatch({ control: form.control, name: "programId" });
  const chosen = programs.find((p) => p.id === programId);
  const busy = useBusy("start-plan");
  return (
    <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
      <Intent value="start-plan" />
      <FormError message={failed?.formError} />
      <SelectField
        form={form}
        name="programId"
        label="Program"
        placeholder="Choose a program…"
        options={programs.map((p) => ({
          value: p.id,
          label: `${p.name}${p.builtIn ? " · library" : ` · ours, v${p.version}`}`,
        }))}
      />
      {(chosen?.countsFrom ?? [])
        .filter((anchor) => patientDates && patientDates[anchor] === null)
        .map((anchor) => (
          <p key={anchor} className="notice notice--warning small" role="status">
            This program counts days since {anchor}, and the patient has no {anchor} date: add it under Edit details
            first, or that gate can never be met.
          </p>
        ))}
      <SelectField
        form={form}
        name="startStageId"
        label="Start in stage"
        hint={chosen ? undefined : "Blank starts at the first stage."}
        options={[
          { value: "", label: "First stage" },
          ...(chosen?.stages ?? []).map((s, i) => ({ value: s.id, label: `${i + 1}. ${s.name}` })),
        ]}
      />
      <div className="grid-2">
        <TextField form={form} name="startDate" label="Start date" type="date" />
        <SelectField
          form={form}
          name="approvalMode"
          label="Advances"
          options={[...APPROVAL_MODES]}
          hint="Regressions always apply at once and are flagged to you."
        />
      </div>
      <TextAreaField
        form={form}
        name="goalText"
        label="The patient's goal, in their own words"
        hint={`For example: "back to five-a-side by March".`}
        rows={2}
      />
      <div className="grid-2">
        <TextField
          form={form}
          name="goalActivity"
          label="Activity (optional)"
          hint="e.g. five-a-side football, 10 km run"
        />
        <TextField form={form} name="goalTargetDate" label="Target date (optional)" type="date" />
      </div>
      <Button type="submit" disabled={busy}>
        Start plan
      </Button>
    </Form>
  );
}

export function ReviewDecisionForms({ decisionId, result }: { decisionId: string; result?: PlanActionResult }) {
  const failed = failureFor(result, "override");
  const form = useSchemaForm(OverrideDecisionSchema, {
    defaultValues: { decisionId, overrideReason: "", ...(failed?.values ?? {}) },
    serverErrors: failed?.fieldErrors,
  });
  const confirmBusy = useBusy("confirm");
  const overrideBusy = useBusy("override");
  const confirmFailed = failureFor(result, "confirm");
  return (
    <div className="clinic-review">
      <Form method="post">
        <Intent value="confirm" />
        <input type="hidden" name="decisionId" value={decisionId} />
        <FormError message={confirmFailed?.formError} />
        <Button type="submit" disabled={confirmBusy}>
          Confirm recommendation
        </Button>
      </Form>
      <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
        <Intent value="override" />
        <HiddenField form={form} name="decisionId" />
        <FormError message={failed?.formError} />
        <TextAreaField
          form={form}
          name="overrideReason"
          label="Or override it — your reason"
          hint="The patient stays where they are; your reason is kept in the audit trail."
          rows={2}
        />
        <div>
          <Button type="submit" variant="secondary" disabled={overrideBusy}>
            Override
          </Button>
        </div>
      </Form>
    </div>
  );
}

/** Whether the engine's dose changes wait for the clinician or apply at once (ADR 056). */
export function DoseApprovalForm({
  planId,
  mode,
  result,
}: {
  planId: string;
  mode: "confirm" | "automatic";
  result?: PlanActionResult;
}) {
  const failed = failureFor(result, "dose-approval");
  const form = useSchemaForm(DoseApprovalSchema, {
    defaultValues: { planId, doseApprovalMode: mode, ...(failed?.values ?? {}) },
    serverErrors: failed?.fieldErrors,
  });
  return (
    <PlanActionForm
      planIdField="planId"
      intent="dose-approval"
      form={form}
      formError={failed?.formError}
      submitLabel="Save dose setting"
    >
      <SelectField
        form={form}
        name="doseApprovalMode"
        label="Dose changes the engine recommends"
        options={[...DOSE_APPROVAL_MODES]}
        hint="A regression's load reduction always applies at once; an increase never comes with a regression or a red flag."
      />
    </PlanActionForm>
  );
}

export function MoveStageForm({
  planId,
  stages,
  currentStageId,
  result,
}: {
  planId: string;
  stages: Array<{ id: string; name: string }>;
  currentStageId: string;
  result?: PlanActionResult;
}) {
  const failed = failureFor(result, "move-stage");
  const form = useSchemaForm(MoveStageSchema, {
    defaultValues: { planId, stageId: "", moveReason: "", ...(failed?.values ?? {}) },
    serverErrors: failed?.fieldErrors,
  });
  return (
    <PlanActionForm
      planIdField="planId"
      intent="move-stage"
      form={form}
      formError={failed?.formError}
      submitLabel="Move stage"
    >
      <SelectField
        form={form}
        name="stageId"
        label="Move to stage"
        placeholder="Choose…"
        options={stages
          .filter((s) => s.id !== currentStageId)
          .map((s) => ({ value: s.id, label: `${stages.indexOf(s) + 1}. ${s.name}` }))}
      />
      <TextAreaField form={form} name="moveReason" label="Reason" rows={2} />
    </PlanActionForm>
  );
}

export function CapacityForm({
  planId,
  today,
  measures,
  involvedSide,
  result,
}: {
  planId: string;
  today: string;
  measures: string[];
  involvedSide: string;
  result?: PlanActionResult;
}) {
  const sideLabel = (side: "left" | "right") =>
    `${side === "left" ? "Left" : "Right"}${involvedSide === side ? " (involved)" : involvedSide === "left" || involvedSide === "right" ? " (uninvolved)" : ""}`;
  const failed = failureFor(result, "capacity");
  const form = useSchemaForm(CapacityMeasurementSchema, {
    defaultValues: {
      planId,
      measure: measures[0] ?? "",
      testedOn: today,
      left: "",
      right: "",
      ...(failed?.values ?? {}),
    },
    serverErrors: failed?.fieldErrors,
  });
  const known = Array.from(
    new Set([...measures, ...Object.keys(MEASURE_NAMES).filter((m) => /_(reps|nm|cm|s|kg)$/.test(m))]),
  );
  return (
    <PlanActionForm
      planIdField="planId"
      intent="capacity"
      form={form}
      formError={failed?.formError}
      submitLabel="Record test"
    >
      <SelectField
        form={form}
        name="measure"
        label="Capacity test"
        options={known.map((m) => ({ value: m, label: MEASURE_NAMES[m] ?? m.replace(/_/g, " ") }))}
      />
      <TextField form={form} name="testedOn" label="Tested on" type="date" />
      <div className="grid-2 clinic-grid-tight">
        <TextField form={form} name="left" label={sideLabel("left")} inputMode="decimal" />
        <TextField form={form} name="right" label={sideLabel("right")} inputMode="decimal" />
      </div>
      <p className="small muted">
        Record both sides (leave one blank if it wasn't tested): the engine computes limb symmetry from the pair.
      </p>
    </PlanActionForm>
  );
}

export function QuestionnaireForm({
  planId,
  today,
  result,
}: {
  planId: string;
  today: string;
  result?: PlanActionResult;
}) {
  const failed = failureFor(result, "questionnaire");
  const form = useSchemaForm(QuestionnaireMeasurementSchema, {
    defaultValues: { planId, instrument: "", answeredOn: today, score: "", ...(failed?.values ?? {}) },
    serverErrors: failed?.fieldErrors,
  });
  return (
    <PlanActionForm
      planIdField="planId"
      intent="questionnaire"
      form={form}
      formError={failed?.formError}
      submitLabel="Record score"
    >
      <SelectField
        form={form}
        name="instrument"
        label="Questionnaire"
        placeholder="Choose…"
        options={Object.entries(QUESTIONNAIRE_RANGES).map(([value, r]) => ({ value, label: r.label }))}
      />
      <div className="grid-2 clinic-grid-tight">
        <TextField form={form} name="answeredOn" label="Date" type="date" />
        <TextField form={form} name="score" label="Score" inputMode="decimal" />
      </div>
    </PlanActionForm>
  );
}

export function SignoffForm({
  planId,
  today,
  items,
  result,
}: {
  planId: string;
  today: string;
  items: Array<{ itemId: string; prompt: string }>;
  result?: PlanActionResult;
}) {
  const failed = failureFor(result, "signoff");
  const form = useSchemaForm(SignoffSchema, {
    defaultValues: { planId, itemId: items[0]?.itemId ?? "", signedOn: today, note: "", ...(failed?.values ?? {}) },
    serverErrors: failed?.fieldErrors,
  });
  return (
    <PlanActionForm
      planIdField="planId"
      intent="signoff"
      form={form}
      formError={failed?.formError}
      submitLabel="Sign off"
    >
      <SelectField
        form={form}
        name="itemId"
        label="Item"
        options={items.map((i) => ({ value: i.itemId, label: i.prompt }))}
      />
      <TextField form={form} name="signedOn" label="Checked on" type="date" />
      <TextAreaField form={form} name="note" label="Note (optional)" rows={2} />
    </PlanActionForm>
  );
}

/** One-button actions (pause, resume, discharge, new invite link, evaluate now). */
export function ActionButton({
  intent,
  planId,
  label,
  variant = "secondary",
  confirm,
}: {
  intent: string;
  planId?: string;
  label: string;
  variant?: "primary" | "secondary" | "danger" | "ghost";
  confirm?: string;
}) {
  const busy = useBusy(intent);
  return (
    <Form
      method="post"
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      <Intent value={intent} />
      {planId ? <input type="hidden" name="planId" value={planId} /> : null}
      <Button type="submit" variant={variant} size="small" disabled={busy}>
        {label}
      </Button>
    </Form>
  );
}
