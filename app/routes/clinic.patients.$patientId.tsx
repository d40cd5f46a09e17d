import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AuditTrail } from "~/components/clinic/audit-trail.tsx";
import { CheckTable, FlagList, OutcomeBadge } from "~/components/clinic/decision-explanation.tsx";
import { PatientCharts } from "~/components/clinic/patient-charts.tsx";
import {
  ActionButton,
  CapacityForm,
  MoveStageForm,
  QuestionnaireForm,
  ReviewDecisionForms,
  SignoffForm,
  StartPlanForm,
  type PlanActionResult,
} from "~/components/clinic/plan-forms.tsx";
import { PrescriptionTable } from "~/components/clinic/prescription-table.tsx";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { InviteLink } from "~/components/invite-link.tsx";
import { Badge, Card, Notice, Page, PageHeader } from "~/components/ui/layout.tsx";
import { daysBetween } from "~/engine/dates.ts";
import { getPatientInClinic } from "~/models/patient.server.ts";
import { getPlanInClinic } from "~/models/plan.server.ts";
import {
  CapacityMeasurementSchema,
  ConfirmDecisionSchema,
  MoveStageSchema,
  MoveVersionSchema,
  OverrideDecisionSchema,
  PlanIdSchema,
  QuestionnaireMeasurementSchema,
  SignoffSchema,
  StartPlanSchema,
} from "~/schemas/plan-actions.ts";
import { confirmDecisionAndReevaluate, overrideDecision } from "~/services/decisions.server.ts";
import { recordClinicMeasurement } from "~/services/measurements-clinic.server.ts";
import { loadPatientRecord } from "~/services/patient-record.server.ts";
import {
  changePlanStatus,
  movePlanToVersion,
  moveStageByHand,
  reevaluate,
  startPlanForPatient,
  type ChangeResult,
} from "~/services/plan-changes.server.ts";
import { reissueInvite } from "~/services/patients.server.ts";
import { recordSignoff } from "~/services/signoffs.server.ts";
import { INVOLVED_SIDES } from "~/schemas/patient.ts";
import { requireClinician } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/dates.ts";
import { getDb } from "~/utils/db.server.ts";
import { parseForm, readForm } from "~/utils/forms.ts";
import { notFound } from "~/utils/responses.server.ts";
import type { $ZodType } from "zod/v4/core";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.patient.name ?? "Patient"} · Stagewise` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const clinician = await requireClinician(request);
  const db = getDb();
  const patient = await getPatientInClinic(db, clinician.clinic_id, params.patientId ?? "");
  if (!patient) throw notFound("Patient not found");
  const query = new URL(request.url).searchParams;
  const record = await loadPatientRecord(db, clinician.clinic_id, patient, {
    showChecksOf: query.get("decision") ?? undefined,
    wholeAuditTrail: query.get("audit") === "all",
  });
  const { password_hash, ...publicPatient } = record.patient;
  return { ...record, patient: { ...publicPatient, hasPassword: Boolean(password_hash) } };
}

type Fail = Extract<PlanActionResult, { ok: false }>;
const fail = (intent: string, fields: Partial<Fail>, status = 400) =>
  data({ ok: false as const, intent, fieldErrors: {}, values: {}, ...fields } satisfies PlanActionResult, { status });
const done = (intent: string, message: string, extra: { inviteUrl?: string } = {}) =>
  ({ ok: true as const, intent, message, ...extra }) satisfies PlanActionResult;

export async function action({ request, params }: ActionFunctionArgs) {
  const clinician = await requireClinician(request);
  const db = getDb();
  const patient = await getPatientInClinic(db, clinician.clinic_id, params.patientId ?? "");
  if (!patient) throw notFound("Patient not found");
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  const tz = patient.time_zone;

  function parse<S extends $ZodType>(schema: S) {
    return parseForm(schema, formData);
  }
  /** The plan must be this patient's (and so this clinic's): anything else is 404, never a hint it exists. */
  async function planOfThisPatient(planId: string) {
    const plan = await getPlanInClinic(db, clinician.clinic_id, planId);
    if (!plan || plan.patient_id !== patient!.id) throw notFound("Plan not found");
    return plan;
  }
  function answer(result: ChangeResult, message: string) {
    if (result.ok) return done(intent, message);
    if (result.status === 404) throw notFound(result.message);
    if (result.status === 400)
      return fail(intent, {
        fieldErrors: result.fieldErrors,
        values: Object.fromEntries(formData) as Record<string, unknown>,
      });
    return fail(intent, { formError: result.message }, result.status);
  }

  switch (intent) {
    case "start-plan": {
      const parsed = parse(StartPlanSchema);
      if (!parsed.ok) return fail(intent, parsed);
      const result = await startPlanForPatient(db, clinician, patient, parsed.data);
      if (!result.ok)
        return fail(intent, { fieldErrors: result.fieldErrors, values: parsed.data as Record<string, unknown> });
      return done(intent, "Plan started.");
    }
    case "pause":
    case "resume":
    case "discharge": {
      const parsed = parse(PlanIdSchema);
      if (!parsed.ok) return fail(intent, parsed);
      await planOfThisPatient(parsed.data.planId);
      const words = { pause: "Plan paused.", resume: "Plan resumed.", discharge: "Patient discharged." } as const;
      return answer(await changePlanStatus(db, clinician, parsed.data.planId, intent, tz), words[intent]);
    }
    case "evaluate": {
      const parsed = parse(PlanIdSchema);
      if (!parsed.ok) return fail(intent, parsed);
      await planOfThisPatient(parsed.data.planId);
      await reevaluate(db, clinician, parsed.data.planId, tz);
      return done(intent, "Evaluated with today's data.");
    }
    case "reissue-invite": {
      if (patient.password_hash) return fail(intent, { formError: "This patient has already set a password." }, 409);
      const path = await reissueInvite(db, clinician, patient.id);
      return done(intent, "New invite link made. The previous link no longer works.", {
        inviteUrl: `${new URL(request.url).origin}${path}`,
      });
    }
    case "confirm": {
      const parsed = parse(ConfirmDecisionSchema);
      if (!parsed.ok) return fail(intent, parsed);
      const result = await confirmDecisionAndReevaluate(db, clinician, parsed.data.decisionId, {
        patientId: patient.id,
      });
      if (!result.ok) {
        if (result.status === 404) throw notFound(result.message);
        return fail(intent, { formError: result.message }, result.status);
      }
      return done(intent, "Recommendation confirmed.");
    }
    case "override": {
      const parsed = parse(OverrideDecisionSchema);
      if (!parsed.ok) return fail(intent, parsed);
      const result = await overrideDecision(
        db,
        clinician,
        parsed.data.decisionId,
        { reason: parsed.data.overrideReason },
        { patientId: patient.id },
      );
      if (!result.ok) {
        if (result.status === 404) throw notFound(result.message);
        return fail(intent, { formError: result.message }, result.status);
      }
      return done(intent, "Recommendation overridden; your reason is recorded.");
    }
    case "move-stage": {
      const parsed = parse(MoveStageSchema);
      if (!parsed.ok) return fail(intent, parsed);
      await planOfThisPatient(parsed.data.planId);
      return answer(
        await moveStageByHand(
          db,
          clinician,
          { planId: parsed.data.planId, stageId: parsed.data.stageId, reason: parsed.data.moveReason },
          tz,
        ),
        "Stage moved.",
      );
    }
    case "move-version": {
      const parsed = parse(MoveVersionSchema);
      if (!parsed.ok) return fail(intent, parsed);
      await planOfThisPatient(parsed.data.planId);
      return answer(
        await movePlanToVersion(db, clinician, parsed.data, tz),
        `Plan moved to version ${parsed.data.version}.`,
      );
    }
    case "capacity": {
      const parsed = parse(CapacityMeasurementSchema);
      if (!parsed.ok) return fail(intent, parsed);
      await planOfThisPatient(parsed.data.planId);
      const { testedOn, ...rest } = parsed.data;
      return answer(
        await recordClinicMeasurement(db, clinician, { kind: "capacity", measuredOn: testedOn, ...rest }, tz),
        "Test recorded.",
      );
    }
    case "questionnaire": {
      const parsed = parse(QuestionnaireMeasurementSchema);
      if (!parsed.ok) return fail(intent, parsed);
      await planOfThisPatient(parsed.data.planId);
      const { answeredOn, ...rest } = parsed.data;
      return answer(
        await recordClinicMeasurement(db, clinician, { kind: "questionnaire", measuredOn: answeredOn, ...rest }, tz),
        "Score recorded.",
      );
    }
    case "signoff": {
      const parsed = parse(SignoffSchema);
      if (!parsed.ok) return fail(intent, parsed);
      await planOfThisPatient(parsed.data.planId);
      return answer(await recordSignoff(db, clinician, parsed.data, tz), "Signed off.");
    }
    default:
      return fail(intent, { formError: "Unknown action" });
  }
}

const STATUS_TONE = { active: "success", paused: "warning", discharged: undefined, completed: "info" } as const;

export default function PatientPage() {
  const record = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as PlanActionResult | undefined;
  const { patient, plan, today } = record;
  const side = INVOLVED_SIDES.find((s) => s.value === patient.involved_side)?.label ?? patient.involved_side;

  return (
    <Page>
      <p className="small">
        <Link to="/clinic/patients">← All patients</Link>
      </p>
      <PageHeader
        title={patient.name}
        lede={
          <>
            {patient.condition} · {side}
            {patient.surgery_date ? ` · surgery ${formatDate(patient.surgery_date)}` : ""}
            {patient.injury_date ? ` · injury ${formatDate(patient.injury_date)}` : ""} · {patient.email}
          </>
        }
        actions={!patient.hasPassword ? <ActionButton intent="reissue-invite" label="Make a new invite link" /> : null}
      />
      {result?.ok ? <Notice tone="success">{result.message}</Notice> : null}
      {result && !result.ok && result.formError && !["confirm", "override"].includes(result.intent) ? (
        <Notice tone="error">{result.formError}</Notice>
      ) : null}
      {result?.ok && result.inviteUrl ? (
        <Card>
          <InviteLink url={result.inviteUrl} />
        </Card>
      ) : !patient.hasPassword ? (
        <Notice tone="info">
          {patient.name} hasn't set a password yet. If the link was lost or expired, make a new one.
        </Notice>
      ) : null}

      {!plan || plan.status === "discharged" || plan.status === "completed" ? (
        <div className="stack">
          {plan ? (
            <Notice tone="info">The last plan was {plan.status}. Start a new one when the patient needs it.</Notice>
          ) : null}
          <Card title="Start a plan">
            <StartPlanForm programs={record.programs} today={today} result={result} />
          </Card>
        </div>
      ) : null}
      {plan && "program" in record && record.program ? (
        <PlanSection record={record as PlanRecord} result={result} />
      ) : null}
    </Page>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type PlanRecord = Extract<LoaderData, { program: unknown }>;

function PlanSection({ record, result }: { record: PlanRecord; result?: PlanActionResult }) {
  const { plan, program, stage, stageIndex, decisions, today } = record;
  const shownDecisionId = useSearchParams()[0].get("decision");
  const latest = decisions[0];
  const pending = decisions.find((d) => d.status === "pending");
  const live = plan.status === "active" || plan.status === "paused";
  const capacityMeasures = Array.from(
    new Set(
      program.stages
        .flatMap((s) => [...s.gates, ...s.regressRules.flatMap((r) => r.criteria)])
        .flatMap((c) => (c.kind === "capacity" ? [c.measure] : [])),
    ),
  );
  return (
    <div className="stack">
      <Card className="clinic-plan">
        <div className="clinic-plan__head">
          <div>
            <h2 className="card__title">
              Stage {stageIndex + 1} of {program.stages.length}: {stage?.name}
            </h2>
            <p className="muted small">
              {program.name} · version {plan.programVersion} · {daysBetween(plan.stageEnteredOn, today)} days in this
              stage · started {formatDate(plan.startDate)} ·{" "}
              {plan.approvalMode === "confirm" ? "you confirm each advance" : "advances apply automatically"}
            </p>
          </div>
          <Badge tone={STATUS_TONE[plan.status]}>{plan.status}</Badge>
        </div>
        {plan.goalText ? (
          <p className="clinic-goal">
            <strong>Goal:</strong> “{plan.goalText}”{plan.goalActivity ? ` · ${plan.goalActivity}` : ""}
            {plan.goalTargetDate ? ` · by ${formatDate(plan.goalTargetDate)}` : ""}
          </p>
        ) : null}
        {stage ? <p>{stage.goal}</p> : null}
        {live ? (
          <div className="row">
            {plan.status === "active" ? <ActionButton intent="evaluate" planId={plan.id} label="Evaluate now" /> : null}
            {plan.status === "active" ? (
              <ActionButton intent="pause" planId={plan.id} label="Pause plan" />
            ) : (
              <ActionButton intent="resume" planId={plan.id} label="Resume plan" />
            )}
            <ActionButton
              intent="discharge"
              planId={plan.id}
              label="Discharge"
              variant="danger"
              confirm="Discharge this patient? The plan ends and they stop logging."
            />
          </div>
        ) : null}
        {plan.newerVersion && live ? (
          <MoveVersion planId={plan.id} version={plan.newerVersion} current={plan.programVersion} />
        ) : null}
      </Card>

      {latest ? (
        <Card title="Latest recommendation" className={pending ? "clinic-pending" : undefined}>
          <div className="row">
            <OutcomeBadge outcome={latest.outcome} status={latest.status} />
            <span className="muted small">for {formatDate(latest.evaluatedFor)}</span>
          </div>
          <p>{latest.clinicianSummary}</p>
          <FlagList flags={latest.flags} />
          {latest.checks ? <CheckTable checks={latest.checks} /> : null}
          {pending && pending.id === latest.id ? <ReviewDecisionForms decisionId={pending.id} result={result} /> : null}
          {result && !result.ok && ["confirm", "override"].includes(result.intent) && result.formError ? (
            <Notice tone="error">{result.formError}</Notice>
          ) : null}
        </Card>
      ) : (
        <Card title="Latest recommendation">
          <p className="muted">No evaluation yet: it runs when the patient logs, or press “Evaluate now”.</p>
        </Card>
      )}

      {stage ? (
        <Card title="Current prescription">
          <PrescriptionTable prescription={stage.prescription} citations={program.citations} />
        </Card>
      ) : null}

      <PatientCharts record={record} />

      {live ? (
        <div className="grid-2">
          <Card title="Record a capacity test">
            <CapacityForm
              planId={plan.id}
              today={today}
              measures={capacityMeasures}
              involvedSide={record.patient.involved_side}
              result={result}
            />
          </Card>
          <Card title="Record a questionnaire score">
            <QuestionnaireForm planId={plan.id} today={today} result={result} />
          </Card>
          <Card title="Sign-off items for this stage">
            {record.signoffItems.length > 0 ? (
              <SignoffForm planId={plan.id} today={today} items={record.signoffItems} result={result} />
            ) : (
              <p className="muted">This stage asks for no clinician sign-off.</p>
            )}
            {record.signoffs.length > 0 ? (
              <ul className="small clinic-compact-list">
                {record.signoffs.slice(0, 5).map((s) => (
                  <li key={s.id}>
                    {formatDate(s.signed_on)} · {s.item_id.replace(/_/g, " ")} · {s.clinician_name}
                    {s.note ? ` — ${s.note}` : ""}
                  </li>
                ))}
              </ul>
            ) : null}
          </Card>
          <Card title="Move stage by hand">
            <MoveStageForm
              planId={plan.id}
              stages={program.stages.map((s) => ({ id: s.id, name: s.name }))}
              currentStageId={stage?.id ?? ""}
              result={result}
            />
          </Card>
        </div>
      ) : null}

      <Card title="Decision history">
        {decisions.length === 0 ? (
          <p className="muted">No decisions yet.</p>
        ) : (
          <>
            <DecisionList decisions={decisions.filter((d) => d.outcome !== "hold")} patientId={record.patient.id} />
            {decisions.some((d) => d.outcome === "hold") ? (
              <details
                className="clinic-holds"
                open={decisions.some((d) => d.outcome === "hold" && d.id === shownDecisionId) || undefined}
              >
                <summary>Daily evaluations that held ({decisions.filter((d) => d.outcome === "hold").length})</summary>
                <DecisionList decisions={decisions.filter((d) => d.outcome === "hold")} patientId={record.patient.id} />
              </details>
            ) : null}
          </>
        )}
      </Card>

      <Card title="Audit trail" id="audit-trail">
        <p className="small muted">Everything done on this plan, by whom and when. It cannot be edited.</p>
        <AuditTrail rows={record.audit} />
        {record.auditHasMore ? (
          <p className="small">
            Showing the latest {record.audit.length} entries.{" "}
            <Link to={`/clinic/patients/${record.patient.id}?audit=all#audit-trail`}>Show the whole trail</Link>
          </p>
        ) : null}
      </Card>
    </div>
  );
}

function DecisionList({ decisions, patientId }: { decisions: PlanRecord["decisions"]; patientId: string }) {
  const shownDecisionId = useSearchParams()[0].get("decision");
  if (decisions.length === 0) return <p className="muted small">No advances or regressions yet.</p>;
  return (
    <ol className="clinic-history">
      {decisions.map((d) => (
        <li key={d.id} id={`decision-${d.id}`}>
          <details open={d.id === shownDecisionId || undefined}>
            <summary>
              <span className="clinic-history__date">{formatDate(d.evaluatedFor)}</span>{" "}
              <OutcomeBadge outcome={d.outcome} status={d.status} />{" "}
              <span className="small muted">
                {d.fromStage}
                {d.toStage !== d.fromStage ? ` → ${d.toStage}` : ""}
              </span>
            </summary>
            <p>{d.clinicianSummary}</p>
            {d.reviewedBy ? (
              <p className="small">
                {d.status === "overridden" ? "Overridden" : "Confirmed"} by {d.reviewedBy}
                {d.reviewedAt ? ` on ${formatDate(d.reviewedAt)}` : ""}
                {d.reviewReason ? ` — “${d.reviewReason}”` : ""}
              </p>
            ) : null}
            <FlagList flags={d.flags} />
            {d.checks ? (
              <CheckTable checks={d.checks} />
            ) : (
              <p className="small">
                <Link to={`/clinic/patients/${patientId}?decision=${d.id}#decision-${d.id}`} preventScrollReset>
                  Show every check for {formatDate(d.evaluatedFor)}
                </Link>
              </p>
            )}
            <p className="small muted">
              Engine {d.engineVersion} · program version {d.programVersion}
            </p>
          </details>
        </li>
      ))}
    </ol>
  );
}

function MoveVersion({ planId, version, current }: { planId: string; version: number; current: number }) {
  return (
    <div className="notice notice--info clinic-version">
      <p>
        The program has a newer version ({version}); this plan runs on version {current} until you move it.
      </p>
      <form method="post">
        <input type="hidden" name="intent" value="move-version" />
        <input type="hidden" name="planId" value={planId} />
        <input type="hidden" name="version" value={version} />
        <button type="submit" className="button button--secondary button--small">
          Move this plan to version {version}
        </button>
      </form>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
