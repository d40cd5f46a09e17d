import { doseChangesOf, doseChangeViews, type DoseChangeView } from "./dose-change.server.ts";
import { doseVersionsOfPlan } from "~/models/personal-dose.server.ts";
import { workingLoadSeries } from "./working-load.server.ts";
import type { DB } from "~/db/client.server.ts";
import type { Plan } from "~/db/types.ts";
import { addDays, type Check, type Flag } from "~/engine/index.ts";
import type { getPatientInClinic } from "~/models/patient.server.ts";
import { latestFlagReview, lastLogSavedAt } from "~/models/flag-review.server.ts";
import { listNotesOfPlan } from "~/models/log-note.server.ts";
import { getWorkingPlanOfPatient } from "~/models/plan.server.ts";
import { loadBuiltInProgram } from "~/programs/index.ts";
import { pendingReview } from "./flag-review.server.ts";
import { datesTheProgramLacks } from "./plan-dates.server.ts";
import { programOfPlan } from "./evaluation.server.ts";
import { stageDateOf } from "./patient-day.server.ts";
import { listProgramChoices } from "./program-editor.server.ts";
import { signoffItemsOfStage } from "./signoff.server.ts";
import { todayIn } from "~/utils/dates.ts";

/** How much history the patient page charts (the engine itself looks at less). */
const CHART_DAYS = 120;
/** Audit entries shown on the patient page before "Show the whole trail". */
const AUDIT_SHOWN = 50;
const AUDIT_TRAIL_MAX = 10_000;
/** How many of the patient's notes their page lists, newest first. */
const NOTES_SHOWN = 60;
/** A log saved in this many days counts as new for a reviewed red flag (logs are editable for 3 days). */
const FLAG_REVIEW_LOG_DAYS = 15;

export type PatientOfClinic = NonNullable<Awaited<ReturnType<typeof getPatientInClinic>>>;

type DecisionView = {
  id: string;
  evaluatedFor: string;
  outcome: "advance" | "hold" | "regress" | "complete";
  fromStage: string;
  toStage: string;
  status: string;
  /** Null for an older held evaluation unless asked for (see loadPatientRecord). */
  checks: Check[] | null;
  flags: Flag[];
  clinicianSummary: string;
  patientSummary: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewReason: string | null;
  engineVersion: string;
  programVersion: number;
  /** The dose changes the decision carries, each with its line and checks (ADR 056); [] for older decisions. */
  doseChanges: DoseChangeView[];
};

/**
 * Everything the clinician's patient page shows. Held daily evaluations come without their check tables (a plan
 * gathers one a day, and forty full tables made the page heavy); the latest decision, every advance or regression,
 * and the one the clinician asks to see (`showChecksOf`) come with theirs.
 */
export async function loadPatientRecord(
  db: DB,
  clinicId: string,
  patient: PatientOfClinic,
  options: { showChecksOf?: string; wholeAuditTrail?: boolean } = {},
) {
  const today = todayIn(patient.time_zone);
  const plan = await getWorkingPlanOfPatient(db, clinicId, patient.id);
  // The program choices are for starting a plan: only offered when there is no live one.
  const live = plan !== undefined && (plan.status === "active" || plan.status === "paused");
  const programs = live ? [] : await listProgramChoices(db, clinicId);
  const base = { patient, today, programs };
  if (!plan) return { ...base, plan: null };

  const program = programOfPlan(plan);
  const stageName = (id: string) => program.stages.find((s) => s.id === id)?.name ?? id;
  const chartFrom = addDays(today, -CHART_DAYS);
  const auditShown = options.wholeAuditTrail ? AUDIT_TRAIL_MAX : AUDIT_SHOWN;
  const [decisionRows, audit, logs, measurements, signoffs, newerVersion, applied, stageEvents, notes, review, saved] =
    await Promise.all([
      db
        .selectFrom("decision")
        .leftJoin("app_user", "app_user.id", "decision.reviewed_by")
        .select([
          "decision.id",
          "decision.evaluated_for",
          "decision.outcome",
          "decision.from_stage_id",
          "decision.to_stage_id",
          "decision.status",
          "decision.flags",
          "decision.dose_changes",
          "decision.clinician_summary",
          "decision.patient_summary",
          "decision.reviewed_at",
          "decision.review_reason",
          "decision.engine_version",
          "decision.program_version",
          "app_user.name as reviewer_name",
        ])
        .select((eb) =>
          eb
            .case()
            .when(
              eb.or([
                eb("decision.outcome", "!=", "hold"),
                eb("decision.id", "=", options.showChecksOf ?? ""),
                // the latest decision, whatever its outcome: the page opens with its full explanation
                eb(
                  "decision.id",
                  "=",
                  eb
                    .selectFrom("decision as latest")
                    .select("latest.id")
                    .where("latest.plan_id", "=", plan.id)
                    .where("latest.status", "!=", "superseded")
                    .orderBy("latest.created_at", "desc")
                    .limit(1),
                ),
              ]),
            )
            .then(eb.ref("decision.checks"))
            .else(null)
            .end()
            .as("checks"),
        )
        .where("decision.clinic_id", "=", clinicId)
        .where("decision.plan_id", "=", plan.id)
        .where("decision.status", "!=", "superseded")
        .orderBy("decision.created_at", "desc")
        .limit(40)
        .execute(),
      db
        .selectFrom("audit_event")
        .leftJoin("app_user", "app_user.id", "audit_event.actor_id")
        .select([
          "audit_event.id",
          "audit_event.action",
          "audit_event.detail",
          "audit_event.at",
          "audit_event.actor_role",
          "app_user.name as actor_name",
        ])
        .where("audit_event.clinic_id", "=", clinicId)
        .where((eb) =>
          eb.or([
            eb("audit_event.plan_id", "=", plan.id),
            eb.and([eb("audit_event.entity_type", "=", "patient"), eb("audit_event.entity_id", "=", patient.id)]),
          ]),
        )
        .orderBy("audit_event.at", "desc")
        .limit(auditShown + 1) // one more than shown tells whether there is more
        .execute(),
      // Only what the charts draw.
      db
        .selectFrom("daily_log")
        .select([
          "log_date",
          "morning_pain",
          "pain_during",
          "pain_after",
          "running_minutes",
          "session_done",
          "session_minutes",
          "session_rpe",
          "exercises",
        ])
        .where("clinic_id", "=", clinicId)
        .where("plan_id", "=", plan.id)
        .where("log_date", ">=", chartFrom)
        .orderBy("log_date")
        .execute(),
      // What the charts draw (the raw questionnaire answers stay on the server).
      db
        .selectFrom("measurement")
        .select(["measured_on", "measure", "side", "value"])
        .where("clinic_id", "=", clinicId)
        .where("plan_id", "=", plan.id)
        .orderBy("measured_on")
        .execute(),
      db
        .selectFrom("signoff")
        .leftJoin("app_user", "app_user.id", "signoff.clinician_id")
        .select([
          "signoff.id",
          "signoff.item_id",
          "signoff.stage_id",
          "signoff.signed_on",
          "signoff.note",
          "app_user.name as clinician_name",
        ])
        .where("signoff.clinic_id", "=", clinicId)
        .where("signoff.plan_id", "=", plan.id)
        .orderBy("signoff.signed_on", "desc")
        .execute(),
      db
        .selectFrom("program")
        .select(["current_version"])
        .where("clinic_id", "=", clinicId)
        .where("id", "=", plan.program_id)
        .executeTakeFirst(),
      db
        .selectFrom("decision")
        .select(["evaluated_for", "to_stage_id", "created_at"])
        .where("clinic_id", "=", clinicId)
        .where("plan_id", "=", plan.id)
        .where("status", "=", "applied")
        .where("outcome", "in", ["advance", "regress"])
        .execute(),
      // The chart's stage bands need the start and every manual move, however long the trail has grown.
      db
        .selectFrom("audit_event")
        .select(["action", "detail", "at"])
        .where("clinic_id", "=", clinicId)
        .where("plan_id", "=", plan.id)
        .where("action", "in", ["plan.started", "plan.stage_moved"])
        .execute(),
      listNotesOfPlan(db, clinicId, plan.id, NOTES_SHOWN),
      latestFlagReview(db, clinicId, plan.id),
      lastLogSavedAt(db, plan.id, addDays(today, -FLAG_REVIEW_LOG_DAYS)),
    ]);

  const decisions: DecisionView[] = decisionRows.map((d) => ({
    id: d.id,
    evaluatedFor: d.evaluated_for,
    outcome: d.outcome,
    fromStage: stageName(d.from_stage_id),
    toStage: stageName(d.to_stage_id),
    status: d.status,
    checks: d.checks === null ? null : (JSON.parse(d.checks) as Check[]),
    flags: JSON.parse(d.flags) as Flag[],
    clinicianSummary: d.clinician_summary,
    patientSummary: d.patient_summary,
    reviewedBy: d.reviewer_name,
    reviewedAt: d.reviewed_at,
    reviewReason: d.review_reason,
    engineVersion: d.engine_version,
    programVersion: d.program_version,
    doseChanges: doseChangeViews(doseChangesOf(d.dose_changes)),
  }));

  const stageIndex = program.stages.findIndex((s) => s.id === plan.current_stage_id);
  const stageHistory = stageHistoryOf(
    plan,
    startStageOf(stageEvents) ?? program.stages[0]!.id,
    applied,
    stageEvents.filter((a) => a.action === "plan.stage_moved"),
    patient.time_zone,
  );
  const doseVersions = await doseVersionsOfPlan(db, plan.id);
  const reviewFlags = review ? (JSON.parse(review.flags) as string[]) : [];
  return {
    ...base,
    plan: {
      id: plan.id,
      status: plan.status,
      approvalMode: plan.approval_mode,
      doseApprovalMode: plan.dose_approval_mode,
      startDate: plan.start_date,
      ...stageDateOf(plan, today),
      programId: plan.program_id,
      programVersion: plan.program_version,
      newerVersion: newerVersionOf(plan, newerVersion?.current_version),
      goalText: plan.goal_text,
      goalActivity: plan.goal_activity,
      goalTargetDate: plan.goal_target_date,
    },
    program,
    stageIndex,
    stage: program.stages[stageIndex] ?? null,
    signoffItems: signoffItemsOfStage(plan),
    decisions,
    audit: audit
      .slice(0, auditShown)
      .map((a) => ({ ...a, detail: a.detail ? (JSON.parse(a.detail) as Record<string, unknown>) : null })),
    auditHasMore: audit.length > auditShown,
    logs,
    measurements,
    signoffs,
    notes: notes.map((n) => ({
      logId: n.id,
      date: n.log_date,
      note: n.notes!,
      unread: n.read_note !== n.notes,
      readBy: n.read_note === n.notes ? n.reader_name : null,
      readAt: n.read_note === n.notes ? n.read_at : null,
      day: {
        sessionDone: n.session_done,
        morningPain: n.morning_pain,
        painDuring: n.pain_during,
        painAfter: n.pain_after,
        swelling: n.swelling,
      },
    })),
    flagReview: {
      /** What waits for a clinician's review, if anything (docs/decisions/049-notes-and-flag-reviews.md). */
      pending: pendingReview(
        decisions,
        today,
        review ? { flags: reviewFlags, reviewedAt: review.reviewed_at } : null,
        saved,
      ),
      latest: review
        ? { by: review.reviewer_name, at: review.reviewed_at, note: review.note, flags: reviewFlags.length }
        : null,
    },
    missingDates: live
      ? datesTheProgramLacks(program, { injuryDate: plan.injury_date, surgeryDate: plan.surgery_date })
      : [],
    stageHistory,
    workingLoad: workingLoadSeries({
      program,
      stageHistory,
      versions: doseVersions,
      logs,
      // The charts' span: the plan's days, at most the last 120.
      from: [plan.start_date, addDays(today, -120)].sort().reverse()[0]!,
      today,
      timeZone: patient.time_zone,
    }),
  };
}

/**
 * The program's current version when it is newer than the plan's snapshot, else null: the clinic's own program's
 * `current_version`, or for a built-in the library file's version (a changed built-in gets a new version, docs/programs.md).
 */
function newerVersionOf(
  plan: Pick<Plan, "program_id" | "program_version">,
  clinicCurrentVersion: number | undefined,
): number | null {
  const current = loadBuiltInProgram(plan.program_id)?.version ?? clinicCurrentVersion;
  return current !== undefined && current > plan.program_version ? current : null;
}

/**
 * When the patient entered each stage: the plan start, every applied advance/regress (dated by the day it was
 * evaluated for), and manual moves from the audit trail; the current stage's entry date is the plan's own. This is
 * the source of the stage bands on the charts.
 */
function stageHistoryOf(
  plan: Pick<Plan, "start_date" | "current_stage_id" | "stage_entered_on">,
  startStageId: string,
  applied: Array<{ evaluated_for: string; to_stage_id: string; created_at: string }>,
  manualMoves: Array<{ detail: string | null; at: string }>,
  timeZone: string,
): Array<{ stageId: string; from: string }> {
  const events = [
    ...applied.map((d) => ({ day: d.evaluated_for, at: d.created_at, to: d.to_stage_id })),
    ...manualMoves.flatMap((m) => {
      const detail = m.detail ? (JSON.parse(m.detail) as { to?: unknown }) : {};
      return typeof detail.to === "string" ? [{ day: todayIn(timeZone, new Date(m.at)), at: m.at, to: detail.to }] : [];
    }),
  ].sort((a, b) => a.day.localeCompare(b.day) || a.at.localeCompare(b.at));
  const history = [{ stageId: startStageId, from: plan.start_date }];
  for (const e of events) {
    if (history.at(-1)!.stageId === e.to) continue;
    if (history.at(-1)!.from === e.day) history.pop();
    history.push({ stageId: e.to, from: e.day });
  }
  const last = history.at(-1)!;
  if (last.stageId === plan.current_stage_id) last.from = plan.stage_entered_on;
  else history.push({ stageId: plan.current_stage_id, from: plan.stage_entered_on });
  return history.filter((h, i) => i === history.length - 1 || h.from < history[i + 1]!.from);
}

function startStageOf(audit: Array<{ action: string; detail: string | null }>): string | undefined {
  const started = audit.find((a) => a.action === "plan.started");
  const detail = started?.detail ? (JSON.parse(started.detail) as { startStageId?: unknown }) : {};
  return typeof detail.startStageId === "string" ? detail.startStageId : undefined;
}
