import { Link, type useLoaderData } from "@remix-run/react";
import { AuditTrail, type AuditNames } from "~/components/clinic/audit-trail.tsx";
import { CheckTable, FlagList, OutcomeBadge } from "~/components/clinic/decision-explanation.tsx";
import { DoseChangeList } from "~/components/clinic/dose-changes.tsx";
import { PatientCharts } from "~/components/clinic/patient-charts.tsx";
import {
  ActionButton,
  CapacityForm,
  DoseApprovalForm,
  MoveStageForm,
  QuestionnaireForm,
  ReviewDecisionForms,
  SignoffForm,
  type PlanActionResult,
} from "~/components/clinic/plan-forms.tsx";
import { PrescriptionTable } from "~/components/clinic/prescription-table.tsx";
import { Badge, Card, Notice } from "~/components/ui/layout.tsx";
import { formatDate } from "~/utils/dates.ts";
import { DecisionHistory } from "./decision-history.tsx";
import { DoseSection } from "./dose-section.tsx";
import { FlagsReview } from "./flags-review.tsx";
import { MissingDatesNotice } from "./missing-dates-notice.tsx";
import { NotesSection } from "./notes-section.tsx";
import { SectionNav } from "./section-nav.tsx";
import type { loader } from "./route.tsx";

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
/** The page's data when the patient has a plan on a program. */
export type PlanRecord = Extract<LoaderData, { program: unknown }>;

const STATUS_TONE = { active: "success", paused: "warning", discharged: undefined, completed: "info" } as const;

/** The plan, its latest recommendation, the forms that change it, its charts, decisions and audit trail. */
export function PlanSection({ record, result }: { record: PlanRecord; result?: PlanActionResult }) {
  const { plan, program, stage, stageIndex, decisions, today } = record;
  const latest = decisions[0];
  const pending = decisions.find((d) => d.status === "pending");
  const live = plan.status === "active" || plan.status === "paused";
  const names = auditNames(program);
  const capacityMeasures = Array.from(
    new Set(
      program.stages
        .flatMap((s) => [...s.gates, ...s.regressRules.flatMap((r) => r.criteria)])
        .flatMap((c) => (c.kind === "capacity" ? [c.measure] : [])),
    ),
  );
  return (
    <div className="stack">
      {live ? <MissingDatesNotice missing={record.missingDates} patientName={record.patient.name} /> : null}
      <SectionNav
        unreadNotes={record.notes.filter((n) => n.unread).length}
        shown={{ dose: Boolean(record.dose), tests: live }}
      />
      <Card className="clinic-plan" id="summary">
        <div className="clinic-plan__head">
          <div>
            <h2 className="card__title">
              Stage {stageIndex + 1} of {program.stages.length}: {stage?.name}
            </h2>
            <p className="muted small">
              {program.name} · version {plan.programVersion} · in this stage since {formatDate(plan.stageEnteredOn)} (
              {plan.daysInStage} {plan.daysInStage === 1 ? "day" : "days"}) · started {formatDate(plan.startDate)} ·{" "}
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
        {live ? (
          <details className="clinic-dose-approval">
            <summary className="small">
              Dose changes: {plan.doseApprovalMode === "automatic" ? "apply automatically" : "you confirm each one"}
            </summary>
            <DoseApprovalForm planId={plan.id} mode={plan.doseApprovalMode} result={result} />
          </details>
        ) : null}
        {plan.newerVersion && live ? (
          <MoveVersion planId={plan.id} version={plan.newerVersion} current={plan.programVersion} />
        ) : null}
      </Card>

      {latest ? (
        <Card title="Latest recommendation" id="recommendation" className={pending ? "clinic-pending" : undefined}>
          <div className="row">
            <OutcomeBadge outcome={latest.outcome} status={latest.status} />
            <span className="muted small">for {formatDate(latest.evaluatedFor)}</span>
          </div>
          <p>{latest.clinicianSummary}</p>
          <FlagList flags={latest.flags} />
          <DoseChangeList changes={latest.doseChanges} status={latest.status} />
          <FlagsReview review={record.flagReview} result={result} />
          {latest.checks ? <CheckTable checks={latest.checks} /> : null}
          {pending && pending.id === latest.id ? <ReviewDecisionForms decisionId={pending.id} result={result} /> : null}
          {result && !result.ok && ["confirm", "override"].includes(result.intent) && result.formError ? (
            <Notice tone="error">{result.formError}</Notice>
          ) : null}
        </Card>
      ) : (
        <Card title="Latest recommendation" id="recommendation">
          <p className="muted">No evaluation yet: it runs when the patient logs, or press “Evaluate now”.</p>
        </Card>
      )}

      <NotesSection planId={plan.id} patientName={record.patient.name} notes={record.notes} result={result} />

      {stage ? (
        <Card title="The program's prescription for this stage">
          <PrescriptionTable prescription={stage.prescription} citations={program.citations} />
        </Card>
      ) : null}

      {record.dose ? <DoseSection dose={record.dose} result={result} /> : null}

      <div id="charts">
        <PatientCharts record={record} />
      </div>

      {live ? (
        <div className="grid-2" id="tests">
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
                    {formatDate(s.signed_on)} · {names.signoffItems[s.item_id] ?? s.item_id.replace(/_/g, " ")} ·{" "}
                    {s.clinician_name}
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

      <div id="decisions">
        <DecisionHistory decisions={decisions} patientId={record.patient.id} />
      </div>

      <Card title="Audit trail" id="audit-trail">
        <p className="small muted">Everything done on this plan, by whom and when. It cannot be edited.</p>
        <AuditTrail rows={record.audit} names={names} />
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

/** Stage and sign-off item names by id, so the audit trail never shows an id. */
function auditNames(program: PlanRecord["program"]): AuditNames {
  const gates = program.stages.flatMap((s) => s.gates);
  return {
    stages: Object.fromEntries(program.stages.map((s) => [s.id, s.name])),
    signoffItems: Object.fromEntries(gates.flatMap((g) => (g.kind === "signoff" ? [[g.itemId, g.prompt]] : []))),
  };
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
