/**
 * Dose done: the exercise's prescribed sets × reps, at the prescribed load, done in each of the last N sessions since
 * the patient's current dose took effect (always dose scope). The prescribed dose is the patient's own (the
 * context's prescription). A session counts as done as prescribed when the log's entry for the exercise says 'done'
 * and no logged figure falls short (fewer sets or reps, a lighter load); 'partial' or 'skipped' does not count. A
 * session without an entry for the exercise says nothing about it and is passed over.
 */
import { fmt } from "../compare";
import { dayAndMonth, fromDayNumber } from "../dates";
import type { EvalContext } from "../context";
import type { DoseDoneCriterion, Stage } from "../schema";
import type { Check, CheckRole, DailyLogFact, ExerciseDose } from "../types";
import { firstDayInScope } from "../windows";
import { clinicianSentence, CompiledCriterion, type Evaluation } from "./common";

type ExerciseEntry = NonNullable<DailyLogFact["exercises"]>[number];

/** Why a logged entry falls short of the dose, or null when it was done as prescribed. */
export function shortOfDose(entry: ExerciseEntry, dose: ExerciseDose): string | null {
  if (entry.status !== "done") return entry.status;
  if (entry.sets != null && dose.sets !== undefined && entry.sets < dose.sets)
    return `${entry.sets} of ${dose.sets} sets`;
  if (entry.reps != null && dose.reps !== undefined && entry.reps < dose.reps)
    return `${entry.reps} of ${dose.reps} reps`;
  const kg = dose.load?.kg;
  if (entry.loadKg != null && kg !== undefined && entry.loadKg < kg - 1e-9)
    return `at ${fmt(entry.loadKg)} kg, not ${fmt(kg)} kg`;
  return null;
}

/** "3 × 15 at 12.5 kg", "3 × 10", "the prescribed dose". */
export function doseWords(dose: ExerciseDose): string {
  const count =
    dose.sets !== undefined && dose.reps !== undefined
      ? `${dose.sets} × ${dose.reps}`
      : dose.sets !== undefined
        ? `${dose.sets} sets`
        : dose.reps !== undefined
          ? `${dose.reps} reps`
          : "";
  const load = dose.load?.kg !== undefined ? `at ${fmt(dose.load.kg)} kg` : "";
  return [count, load].filter(Boolean).join(" ") || "the prescribed dose";
}

interface Details {
  /** The exercise as the patient has it, or null when it is not in their prescription. */
  dose: ExerciseDose | null;
  /** The sessions looked at, oldest first, each with why it fell short (null = done as prescribed). */
  sessions: { day: number; short: string | null }[];
  /** The first day counted (the dose's first day). */
  since: number;
}

export class CompiledDoseDone extends CompiledCriterion<Details> {
  private readonly exerciseId: string;

  /** `ruleExerciseId`: the exercise of the progression rule the criterion belongs to (its default). */
  constructor(
    private readonly c: DoseDoneCriterion,
    stage: Stage,
    role: CheckRole,
    ruleId?: string,
    ruleExerciseId?: string,
  ) {
    const exerciseId = c.exerciseId ?? ruleExerciseId ?? "";
    // The program's name for the exercise (one added for this patient is named by its id).
    const name = stage.prescription.exercises.find((e) => e.id === exerciseId)?.name ?? exerciseId;
    super(
      c,
      role,
      ruleId,
      c.label ??
        `${name}: prescribed dose done in each of the last ${c.sessions} session${c.sessions === 1 ? "" : "s"}`,
      { threshold: c.sessions, comparator: "gte", unit: "sessions" },
    );
    this.exerciseId = exerciseId;
  }

  evaluate(ctx: EvalContext): Evaluation {
    const { c } = this;
    const since = firstDayInScope(ctx, this.role, "dose");
    const dose = ctx.prescription.exercises.find((e) => e.id === this.exerciseId) ?? null;
    const sessions: Details["sessions"] = [];
    if (!dose) return this.noData(`'${this.exerciseId}' in the patient's prescription`, { dose, sessions, since });
    const { days, logs } = ctx;
    for (let i = logs.length - 1; i >= 0 && days[i]! >= since && sessions.length < c.sessions; i--) {
      const log = logs[i]!;
      if (log.sessionDone === "none") continue;
      const entry = log.exercises?.find((e) => e.exerciseId === this.exerciseId);
      if (entry) sessions.push({ day: days[i]!, short: shortOfDose(entry, dose) });
    }
    sessions.reverse();
    const details = { dose, sessions, since };
    const done = sessions.filter((s) => s.short === null).length;
    if (sessions.length < c.sessions && done === sessions.length)
      return this.noData(
        `${c.sessions} sessions logging ${dose.name} since ${fromDayNumber(since)} (have ${sessions.length})`,
        details,
      );
    return this.measured(done, done >= c.sessions ? "met" : "not_met", details);
  }

  protected override noDataProgress({ dose, sessions, since }: Details): string | null {
    if (!dose) return null;
    return `${sessions.length} of ${this.c.sessions} sessions logged since your dose started on ${dayAndMonth(since)}`;
  }

  protected patient(k: Check, { dose, sessions, since }: Details): string {
    const { c } = this;
    if (!dose) return `This exercise is not in your programme at the moment, so we cannot check it.`;
    const what = `${dose.name} (${doseWords(dose)})`;
    const last = `your last ${c.sessions} session${c.sessions === 1 ? "" : "s"}`;
    if (k.status === "no_data")
      return `${what}: ${sessions.length} of ${c.sessions} sessions logged since your dose started on ${dayAndMonth(since)}; we need ${c.sessions} done in full.`;
    return k.status === "met"
      ? `You did all of ${what} in each of ${last}: goal met.`
      : `You did all of ${what} in ${k.observed as number} of ${last}; the goal is all of it every time.`;
  }

  protected clinician(k: Check, { dose, sessions }: Details): string {
    const { role, label, c } = this;
    const requirement = `${doseWords(dose ?? { id: this.exerciseId, name: this.exerciseId, side: "both" })} in each of the last ${c.sessions}`;
    if (k.status === "no_data")
      return clinicianSentence({ role, status: "no_data", label, requirement, missing: k.missing! });
    const fell = sessions.filter((s) => s.short !== null).map((s) => `${fromDayNumber(s.day)} ${s.short}`);
    return clinicianSentence({
      role,
      status: k.status,
      label,
      observed: `${k.observed as number} of ${sessions.length} as prescribed`,
      requirement,
      detail: fell.length > 0 ? `Short of the dose: ${fell.join("; ")}.` : undefined,
    });
  }
}
