import { sql, type ExpressionBuilder } from "kysely";
import type { DB } from "~/db/client.server.ts";
import { stringAgg } from "~/db/sql.server.ts";
import type { Database } from "~/db/types.ts";
import {
  addDays,
  countSessions,
  creditedSessions,
  daysBetween,
  INSTRUMENT_NAMES,
  type Check,
  type Flag,
} from "~/engine/index.ts";
import { todayIn } from "~/utils/dates.ts";
import { doseChangeLine, doseChangesOf } from "./dose-change.server.ts";
import { stageDateOf } from "./patient-day.server.ts";
import { outlineKey, programOutlines } from "./caseload.server.ts";
import { questionnairesDueForPlans } from "./questionnaire-schedule.server.ts";
import { flagsStillReviewed, RECENT_REGRESS_DAYS, regressionReviewed } from "./flag-review.server.ts";

/** Days of logs the triage home reads per plan (sparkline, last pain, adherence this week vs last). */
const TRIAGE_DAYS = 14;
/** No log for this many days (or more) needs a look. */
const SILENT_DAYS = 3;
/** A new stage whose dose nobody has reviewed stays on the list this long (docs/decisions/052-personal-prescription.md). */
const DOSE_REVIEW_DAYS = 14;

type TriageReason = {
  code:
    | "pending_advance"
    | "regressed"
    | "red_flag_pain"
    | "effusion"
    | "boundary"
    | "flag"
    | "no_log"
    | "note"
    | "message"
    | "falling_adherence"
    | "dose_review"
    | "questionnaire_overdue";
  label: string;
  tone: "danger" | "warning" | "info";
  weight: number;
};

export type TriageRow = {
  patientId: string;
  name: string;
  planStatus: "active" | "paused";
  programName: string;
  stageNumber: number;
  stageCount: number;
  stageName: string;
  daysInStage: number;
  lastPain: number | null;
  lastLogDate: string | null;
  painTrend: Array<number | null>;
  /** Notes the patient wrote to the physio that no clinician of the clinic has marked read. */
  unreadNotes: number;
  /** The dose changes awaiting the clinician, each with its reason (ADR 056): "Heel drops: 10 → 12.5 kg — …". */
  doseChanges: string[];
  reasons: TriageReason[];
  decision: {
    id: string;
    outcome: string;
    status: string;
    summary: string;
    flags: Flag[];
    checks: Check[] | null;
  } | null;
};

/** Only this clinician's own patients; absent = the whole clinic. */
export type TriageScope = { clinicianId?: string };

/**
 * The clinician's caseload ranked for attention, in a fixed number of queries whatever the clinic's size or history:
 * one row per plan (with its latest decision, recent regression and last fortnight's logs), the count without a plan,
 * and program outlines (one snapshot per program version). See docs/decisions/021-triage-ranking.md.
 */
export async function loadTriage(db: DB, clinicId: string, clinicianTimeZone: string, scope: TriageScope = {}) {
  const clinicToday = todayIn(clinicianTimeZone);
  // A little wider than the window so patients east of the clinician are fully covered.
  const logsFrom = addDays(clinicToday, -(TRIAGE_DAYS + 1));
  // A physio's home is their own caseload; the whole clinic is one click away (scope without clinicianId).
  const mine = Boolean(scope.clinicianId);

  // One row per plan, each part an indexed lookup bounded by date or by "latest", so the cost follows the caseload,
  // not the history: the latest decision, the last applied regression in the window, and the last fortnight's logs
  // folded into one string (a caseload of 100 returns 100 rows, not 1,400).
  const logsOfPlan = (eb: ExpressionBuilder<Database & { plan: Database["plan"] }, "plan">) =>
    eb
      .selectFrom("daily_log")
      .select(
        stringAgg(
          db,
          sql<string>`daily_log.log_date || ':' || coalesce(cast(daily_log.pain_during as text), '') || ':' || coalesce(cast(daily_log.pain_after as text), '') || ':' || daily_log.session_done`,
        ).as("folded"),
      )
      .whereRef("daily_log.plan_id", "=", "plan.id")
      .where("daily_log.log_date", ">=", logsFrom);
  const [plans, withoutPlan, invited] = await Promise.all([
    db
      .selectFrom("plan")
      .innerJoin("app_user", "app_user.id", "plan.patient_id")
      .leftJoin("decision", (join) =>
        join.onRef(
          "decision.id",
          "=",
          (eb) =>
            eb
              .selectFrom("decision as latest")
              .select("latest.id")
              .whereRef("latest.plan_id", "=", "plan.id")
              .where("latest.status", "!=", "superseded")
              .orderBy("latest.created_at", "desc")
              .orderBy("latest.id", "desc")
              .limit(1) as never,
        ),
      )
      .select((eb) => [
        "plan.id",
        "plan.patient_id",
        "plan.status",
        "plan.program_id",
        "plan.program_version",
        "plan.current_stage_id",
        "plan.stage_entered_on",
        "plan.start_date",
        "plan.last_regress_on",
        "app_user.name",
        "app_user.time_zone",
        "decision.id as decision_id",
        "decision.outcome as decision_outcome",
        "decision.status as decision_status",
        "decision.flags as decision_flags",
        "decision.clinician_summary as decision_summary",
        // The full explanation only where the clinician must act on it (keeps the page light at 2,000 patients).
        sql<string | null>`case when decision.status = 'pending' then decision.checks end`.as("pending_checks"),
        sql<string | null>`case when decision.status = 'pending' then decision.dose_changes end`.as(
          "pending_dose_changes",
        ),
        eb
          .selectFrom("decision as regress")
          .select((r) => r.fn.max("regress.evaluated_for").as("on"))
          .whereRef("regress.plan_id", "=", "plan.id")
          .where("regress.evaluated_for", ">=", addDays(clinicToday, -RECENT_REGRESS_DAYS))
          .where("regress.outcome", "=", "regress")
          .where("regress.status", "=", "applied")
          .as("regressed_on"),
        logsOfPlan(eb).as("recent_logs"),
        // The personal dose of this stay in the stage, or one prepared for it (null: the program's, unreviewed).
        eb
          .selectFrom("personal_dose")
          .select((d) => d.fn.max("personal_dose.version").as("version"))
          .whereRef("personal_dose.plan_id", "=", "plan.id")
          .whereRef("personal_dose.stage_id", "=", "plan.current_stage_id")
          // A dose prepared for the stage before the patient entered it counts as reviewed ('' = prepared).
          .where((d) =>
            d.or([
              d("personal_dose.stage_entered_on", "=", d.ref("plan.stage_entered_on")),
              d("personal_dose.stage_entered_on", "=", ""),
            ]),
          )
          .as("dose_version"),
        // Notes not yet read as they read now (the partial index daily_log_note_idx keeps this to the noted logs).
        eb
          .selectFrom("daily_log as noted")
          .leftJoin("log_note_read", "log_note_read.log_id", "noted.id")
          .select((n) => n.fn.countAll<number>().as("n"))
          .whereRef("noted.plan_id", "=", "plan.id")
          .where("noted.notes", "is not", null)
          .where((n) =>
            n.or([n("log_note_read.note", "is", null), n("log_note_read.note", "!=", n.ref("noted.notes"))]),
          )
          .as("unread_notes"),
        // Messages from the patient no clinician of the clinic has opened yet (ADR 054).
        eb
          .selectFrom("message")
          .select((m) => m.fn.countAll<number>().as("n"))
          .whereRef("message.plan_id", "=", "plan.id")
          .where("message.author_role", "=", "patient")
          .where("message.read_at", "is", null)
          .as("unread_messages"),
        // The latest flag review and the last log saved since the window began (ADR 049: reviewed until something new).
        eb
          .selectFrom("flag_review")
          .select("flag_review.flags")
          .whereRef("flag_review.plan_id", "=", "plan.id")
          .orderBy("flag_review.reviewed_at", "desc")
          .limit(1)
          .as("reviewed_flags"),
        eb
          .selectFrom("flag_review")
          .select((r) => r.fn.max("flag_review.reviewed_at").as("at"))
          .whereRef("flag_review.plan_id", "=", "plan.id")
          .as("reviewed_at"),
        eb
          .selectFrom("daily_log as saved")
          .select((l) => l.fn.max("saved.updated_at").as("at"))
          .whereRef("saved.plan_id", "=", "plan.id")
          .where("saved.log_date", ">=", logsFrom)
          .as("last_log_saved_at"),
      ])
      .where("plan.clinic_id", "=", clinicId)
      .where("app_user.clinic_id", "=", clinicId)
      .where("plan.status", "in", ["active", "paused"])
      .$if(mine, (query) => query.where("plan.clinician_id", "=", scope.clinicianId!))
      .execute(),
    db
      .selectFrom("patient_profile")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("clinic_id", "=", clinicId)
      // NOT EXISTS probes plan_patient_idx per patient; NOT IN scanned every plan in the clinic (14 ms at 2,000).
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("plan")
              .select(sql.lit(1).as("one"))
              .whereRef("plan.patient_id", "=", "patient_profile.user_id")
              .where("plan.clinic_id", "=", clinicId)
              .where("plan.status", "in", ["active", "paused"]),
          ),
        ),
      )
      .$if(mine, (query) => query.where("clinician_id", "=", scope.clinicianId!))
      .executeTakeFirstOrThrow(),
    // Invited, not joined yet.
    db
      .selectFrom("patient_profile")
      .innerJoin("app_user", "app_user.id", "patient_profile.user_id")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("patient_profile.clinic_id", "=", clinicId)
      .where("patient_profile.joined_at", "is", null)
      .$if(mine, (query) => query.where("patient_profile.clinician_id", "=", scope.clinicianId!))
      .executeTakeFirstOrThrow(),
  ]);

  const outlines = await programOutlines(db, plans);

  // "Today" per patient time zone, worked out once per zone rather than once per patient.
  const todayByZone = new Map<string, string>();
  const todayOf = (zone: string) => todayByZone.get(zone) ?? todayByZone.set(zone, todayIn(zone)).get(zone)!;
  // Scheduled questionnaires (ADR 059): only plans whose program has a schedule cost a query.
  const questionnairesDue = await questionnairesDueForPlans(db, plans, (plan) => todayOf(plan.time_zone));
  const rows: TriageRow[] = plans.map((plan) => {
    const today = todayOf(plan.time_zone);
    const outline = outlines.get(outlineKey(plan.program_id, plan.program_version));
    const stageIndex = outline ? outline.stages.findIndex((s) => s.id === plan.current_stage_id) : -1;
    const loggedLogs = unfoldLogs(plan.recent_logs).filter((l) => l.log_date <= today);
    const planLogs = loggedLogs.filter((l) => l.log_date > addDays(today, -TRIAGE_DAYS));
    const byDate = new Map(planLogs.map((l) => [l.log_date, l]));
    const painTrend = Array.from(
      { length: TRIAGE_DAYS },
      (_, i) => byDate.get(addDays(today, -(TRIAGE_DAYS - 1 - i)))?.pain_during ?? null,
    );
    const lastWithPain = [...planLogs].reverse().find((l) => l.pain_during !== null || l.pain_after !== null);
    const lastLog = planLogs.at(-1) ?? null;
    const decision = plan.decision_id
      ? {
          id: plan.decision_id,
          outcome: plan.decision_outcome!,
          status: plan.decision_status!,
          flags: plan.decision_flags!,
          clinician_summary: plan.decision_summary!,
          pending_checks: plan.pending_checks,
        }
      : undefined;
    const reasons: TriageReason[] = [];
    const doseChanges = doseChangesOf(plan.pending_dose_changes).map(doseChangeLine);

    if (decision?.status === "pending") {
      reasons.push({
        code: "pending_advance",
        label:
          decision.outcome === "complete"
            ? "Completion awaiting you"
            : decision.outcome === "hold"
              ? doseChanges.length === 1
                ? "Dose change awaiting you"
                : "Dose changes awaiting you"
              : "Advance awaiting you",
        tone: "warning",
        weight: 100,
      });
    }
    const regressedOn = plan.regressed_on;
    if (regressedOn && !regressionReviewed(regressedOn, plan.reviewed_at))
      reasons.push({
        code: "regressed",
        label: `Regressed ${regressedOn === today ? "today" : `${daysBetween(regressedOn, today)} d ago`}`,
        tone: "danger",
        weight: 90,
      });
    const flags = decision ? (JSON.parse(decision.flags) as Flag[]) : [];
    const review = plan.reviewed_flags
      ? { flags: JSON.parse(plan.reviewed_flags) as string[], reviewedAt: plan.reviewed_at! }
      : null;
    const flagsReviewed = flagsStillReviewed(flags, review, plan.last_log_saved_at);
    for (const flag of flagsReviewed ? [] : flags) {
      if (flag.severity === "info") continue;
      const code =
        flag.code === "red_flag_pain" || flag.code === "effusion" || flag.code === "boundary" ? flag.code : "flag";
      if (reasons.some((r) => r.code === code)) continue;
      const label = {
        red_flag_pain: "High pain",
        effusion: "Swelling",
        boundary: "At a threshold",
        flag: "Engine flag",
      }[code];
      reasons.push({
        code,
        label,
        tone: flag.severity === "high" ? "danger" : "warning",
        weight: flag.severity === "high" ? 95 : 60,
      });
    }
    if (plan.status === "active") {
      const since = lastLog ? daysBetween(lastLog.log_date, today) : daysBetween(plan.start_date, today);
      if (since >= SILENT_DAYS)
        reasons.push({
          code: "no_log",
          label: lastLog
            ? `No log for ${since} days`
            : since >= TRIAGE_DAYS
              ? `No log for ${TRIAGE_DAYS}+ days`
              : `No log since the start`,
          tone: "warning",
          weight: 50,
        });
      if (fallingAdherence(loggedLogs, today, plan.start_date, outline?.stages[stageIndex]?.partialCredit))
        reasons.push({ code: "falling_adherence", label: "Fewer sessions than last week", tone: "info", weight: 40 });
    }
    const newStage = plan.stage_entered_on > plan.start_date;
    if (newStage && plan.dose_version === null && daysBetween(plan.stage_entered_on, today) <= DOSE_REVIEW_DAYS)
      reasons.push({ code: "dose_review", label: "New stage: review the dose", tone: "info", weight: 30 });
    const unreadNotes = Number(plan.unread_notes ?? 0);
    if (unreadNotes > 0)
      reasons.push({
        code: "note",
        label: unreadNotes === 1 ? "Left a note" : `Left ${unreadNotes} notes`,
        tone: "info",
        weight: 45,
      });
    const unreadMessages = Number(plan.unread_messages ?? 0);
    if (unreadMessages > 0)
      reasons.push({
        code: "message",
        label: unreadMessages === 1 ? "Sent you a message" : `Sent you ${unreadMessages} messages`,
        tone: "info",
        weight: 46,
      });
    const overdue = (questionnairesDue.get(plan.id) ?? []).filter((q) => q.overdue);
    if (overdue.length > 0)
      reasons.push({
        code: "questionnaire_overdue",
        label:
          overdue.length === 1
            ? `${INSTRUMENT_NAMES[overdue[0]!.instrument]} overdue`
            : `${overdue.length} questionnaires overdue`,
        tone: "info",
        weight: 35,
      });
    reasons.sort((a, b) => b.weight - a.weight);
    return {
      patientId: plan.patient_id,
      name: plan.name,
      planStatus: plan.status as "active" | "paused",
      programName: outline?.name ?? plan.program_id,
      stageNumber: stageIndex + 1,
      stageCount: outline?.stages.length ?? 0,
      stageName: outline?.stages[stageIndex]?.name ?? plan.current_stage_id,
      daysInStage: stageDateOf(plan, today).daysInStage,
      lastPain: lastWithPain ? (lastWithPain.pain_during ?? lastWithPain.pain_after) : null,
      lastLogDate: lastLog?.log_date ?? null,
      painTrend,
      unreadNotes,
      doseChanges,
      reasons,
      decision: decision
        ? {
            id: decision.id,
            outcome: decision.outcome,
            status: decision.status,
            summary: decision.clinician_summary,
            flags: flags.filter((f) => f.severity !== "info"),
            checks: decision.pending_checks ? (JSON.parse(decision.pending_checks) as Check[]) : null,
          }
        : null,
    };
  });

  const needsAttention = rows
    .filter((r) => r.reasons.length > 0)
    .sort(
      (a, b) =>
        b.reasons[0]!.weight - a.reasons[0]!.weight ||
        b.reasons.length - a.reasons.length ||
        a.name.localeCompare(b.name),
    );
  const everyoneElse = rows.filter((r) => r.reasons.length === 0).sort((a, b) => a.name.localeCompare(b.name));
  return { needsAttention, everyoneElse, withoutPlan: Number(withoutPlan.n), invited: Number(invited.n) };
}

/** "2026-11-20:3:2:done,2026-11-21::1:partial" (any order) → rows sorted by date. */
function unfoldLogs(folded: string | null) {
  if (!folded) return [];
  return folded
    .split(",")
    .map((entry) => {
      const [logDate, during, after, done] = entry.split(":");
      return {
        log_date: logDate!,
        pain_during: during ? Number(during) : null,
        pain_after: after ? Number(after) : null,
        session_done: done as "done" | "partial" | "none",
      };
    })
    .sort((a, b) => (a.log_date < b.log_date ? -1 : a.log_date > b.log_date ? 1 : 0));
}

/**
 * Sessions this week at least two fewer than the week before, once the plan has two whole weeks behind it; the weeks
 * end yesterday while today's session is not logged yet (today is not a missed session before it is over). Sessions
 * are counted as the engine's adherence gate counts them (a partly done one earns the stage's partial credit, by
 * default half). A drop, not a level: the level is the engine's adherence gate's business.
 */
function fallingAdherence(
  logs: Array<{ log_date: string; session_done: "done" | "partial" | "none" }>,
  today: string,
  startDate: string,
  partialCredit?: number,
): boolean {
  // Today counts once its session is logged; before that the day is not over, so both weeks end yesterday (as the
  // engine's adherence gate counts).
  const todayPending = !logs.some((l) => l.log_date === today && l.session_done !== "none");
  const end = todayPending ? 1 : 0;
  if (daysBetween(startDate, today) < TRIAGE_DAYS + end) return false;
  const facts = logs.map((l) => ({ date: l.log_date, sessionDone: l.session_done }));
  const credited = (fromDaysAgo: number, toDaysAgo: number) =>
    creditedSessions(countSessions(facts, addDays(today, -fromDaysAgo), addDays(today, -toDaysAgo)), partialCredit);
  const thisWeek = credited(6 + end, end);
  const lastWeek = credited(13 + end, 7 + end);
  return lastWeek >= 3 && thisWeek <= lastWeek - 2;
}
