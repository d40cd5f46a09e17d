import type { DB } from "~/db/client.server.ts";
import type { DailyLog, Decision as DecisionRow } from "~/db/types.ts";
import { modelAcceptsPain, type Check, type Prescription, type Program } from "~/engine/index.ts";
import { getLogForPlanDate, logDetailsOf } from "~/models/daily-log.server.ts";
import { getDecisionOfPlan, getLatestDecisionForPlan } from "~/models/decision.server.ts";
import { loadPatientPlan, type PatientUser } from "~/services/patient-plan.server.ts";
import { doseChangesOf, doseChangeWords } from "~/services/dose-change.server.ts";
import { currentPrescriptionOf } from "~/services/personal-dose.server.ts";
import { formatDate } from "~/utils/dates.ts";

export type Answer = {
  tone: "success" | "info" | "warning";
  headline: string;
  summary: string;
  reasons: string[];
  advice: string | null;
};

/**
 * The engine's answer in the patient's words, with what happens to their dose. Wording only: the outcome, the checks,
 * the summary and the dose changes are the engine's.
 */
function answerFor(decision: DecisionRow, program: Program, log: DailyLog | undefined): Answer {
  const answer = outcomeAnswer(decision, program, log);
  const dose = doseNote(decision);
  return dose ? { ...answer, advice: answer.advice ? `${answer.advice} ${dose}` : dose } : answer;
}

/** The day's dose changes: applied ones as the engine words them ("… from today"); one awaiting the physio says to
 * keep to the current dose until they confirm it. Overridden or superseded changes say nothing. */
function doseNote(decision: DecisionRow): string | null {
  const changes = doseChangesOf(decision.dose_changes);
  if (changes.length === 0) return null;
  if (decision.status === "applied") return changes.map((c) => c.patientText).join(" ");
  if (decision.status !== "pending") return null;
  const what = changes.map((c) => `${c.name.toLowerCase()}: ${doseChangeWords(c)}`).join("; ");
  return `Your physio will look at a change to your dose (${what}). Keep to your current dose until they confirm it.`;
}

/** The headline and reasons for the decision's outcome. */
function outcomeAnswer(decision: DecisionRow, program: Program, log: DailyLog | undefined): Answer {
  const checks = JSON.parse(decision.checks) as Check[];
  const fromStage = program.stages.find((s) => s.id === decision.from_stage_id);
  const toStage = program.stages.find((s) => s.id === decision.to_stage_id);
  // The headline quotes the program's numeric limit on pain during; whether today's pain is within it is the engine's call.
  const limit = program.painModel.duringMax;
  const painDuring = log?.pain_during ?? null;
  const verdict =
    painDuring === null || limit === null ? null : modelAcceptsPain(program.painModel, "during", painDuring);
  const withinLimit = verdict === true;
  const aboveLimit = verdict === false;

  switch (decision.outcome) {
    case "regress": {
      const moved = decision.to_stage_id !== decision.from_stage_id;
      const why = aboveLimit ? `Pain went above ${limit}/10` : "Your symptoms need a lighter load";
      const rule = fromStage?.regressRules.find((r) =>
        checks.some((c) => c.role === "regress" && c.status === "met" && c.ruleId === r.id),
      );
      // A "repeat" rule keeps the stage and starts it again (ADR 048): say so, not "ease off".
      const repeats = !moved && rule?.action.to === "repeat";
      return {
        tone: "warning",
        headline: moved
          ? `${why} — your plan drops back a stage${toStage ? ` to "${toStage.name}"` : ""} and your physio has been told`
          : repeats
            ? `${why} — you repeat this stage from the start; your physio has been told`
            : `${why} — ease off for now; your physio has been told`,
        summary: decision.patient_summary,
        reasons: checks.filter((c) => c.role === "regress" && c.status === "met").map((c) => c.patientText),
        // The engine's summary already carries the advice; repeat it only when it doesn't.
        advice:
          rule?.patientAdvice && !decision.patient_summary.includes(rule.patientAdvice) ? rule.patientAdvice : null,
      };
    }
    case "advance":
    case "complete": {
      const pending = decision.status === "pending";
      return {
        tone: "success",
        headline:
          decision.outcome === "complete"
            ? "You have met every goal of your final stage"
            : pending
              ? `You have met every goal of this stage — your physio will confirm the move${toStage ? ` to "${toStage.name}"` : ""}`
              : `You have moved on${toStage ? ` to "${toStage.name}"` : ""}`,
        summary: decision.patient_summary,
        reasons: [],
        advice: null,
      };
    }
    default: {
      const headline = withinLimit
        ? "Pain stayed within your plan's limits — keep going"
        : aboveLimit
          ? `Pain went above ${limit}/10 — take it easier next session and keep an eye on tomorrow morning`
          : "Saved — keep going with your plan";
      return {
        tone: aboveLimit ? "warning" : "success",
        headline,
        summary: decision.patient_summary,
        reasons: [],
        advice: null,
      };
    }
  }
}

/** What was recorded, line by line, so the patient can see the save took everything. */
function recordedLines(log: DailyLog, program: Program, own: Prescription): string[] {
  const lines: string[] = [];
  const score = (v: number | null) => (v === null ? "not given" : `${v}/10`);
  if (log.morning_pain !== null || log.morning_stiffness !== null) {
    lines.push(`Morning: pain ${score(log.morning_pain)}, stiffness ${score(log.morning_stiffness)}`);
  }
  const session = { done: "done", partial: "partly done", none: "no session" }[log.session_done];
  const sessionParts = [
    log.pain_during !== null ? `pain during ${log.pain_during}/10` : null,
    log.pain_after !== null ? `after ${log.pain_after}/10` : null,
    log.session_rpe !== null ? `effort ${log.session_rpe}/10` : null,
    log.session_minutes !== null ? `${log.session_minutes} min` : null,
  ].filter(Boolean);
  lines.push(`Session: ${session}${sessionParts.length ? ` — ${sessionParts.join(", ")}` : ""}`);
  const details = logDetailsOf(log);
  if (details.exercises.length) {
    // The program's names, then the patient's own dose's (an exercise the physio added for them has no other name).
    const names = new Map(
      [...program.stages.flatMap((s) => s.prescription.exercises), ...own.exercises].map(
        (e) => [e.id, e.name] as const,
      ),
    );
    for (const e of details.exercises) {
      const dose = [
        e.sets !== null && e.reps !== null ? `${e.sets} × ${e.reps}` : null,
        e.loadKg ? `+${e.loadKg} kg` : null,
      ]
        .filter(Boolean)
        .join(" ");
      const status = { done: "done", partial: "partly", skipped: "not done" }[e.status] ?? e.status;
      lines.push(
        `${names.get(e.exerciseId) ?? e.exerciseId}: ${status}${dose && e.status !== "skipped" ? ` (${dose})` : ""}`,
      );
    }
  }
  if (log.running_minutes !== null) lines.push(`Running: ${log.running_minutes} min`);
  for (const [test, pain] of Object.entries(details.testPain))
    lines.push(`${test.replace(/[_-]/g, " ")} test: pain ${pain}/10`);
  if (log.swelling) lines.push(`Swelling: ${log.swelling}`);
  for (const o of details.otherActivities) lines.push(`${o.label}: ${o.minutes} min, effort ${o.rpe}/10`);
  if (log.notes) lines.push(`Notes: ${log.notes}`);
  return lines;
}

/** The confirmation after a save: the day's log and the decision, both only from the patient's own plan. */
export async function savedView(db: DB, patient: PatientUser, date: string, decisionId: string | null) {
  const current = await loadPatientPlan(db, patient);
  if (!current) return null;
  const log = await getLogForPlanDate(db, current.plan.id, date);
  if (!log) return null;
  const decision = decisionId
    ? await getDecisionOfPlan(db, current.plan.id, decisionId)
    : await getLatestDecisionForPlan(db, current.plan.id);
  if (decisionId && !decision) return null;
  const own = await currentPrescriptionOf(db, current.plan, current.stage);
  return {
    date,
    dateLabel: formatDate(date),
    isToday: date === current.today,
    edited: log.edit_count > 0,
    recorded: recordedLines(log, current.program, own),
    answer: decision ? answerFor(decision, current.program, log) : null,
  };
}
