/**
 * Trial response: an advance that follows a trial session (a first loaded or isotonic session, a new running level:
 * the stage's `trial`) waits for the next morning's response to it. An implicit gate of a stage with a trial
 * (`trial_response`, kind `settle`): the latest trial session in the stage must have its next-morning report, and
 * every response scored that morning (the pain on waking and each of the stage's monitoring tests) must be back to
 * its usual level (monitoring.ts), within the pain model's settle tolerance. A trial done today waits for tomorrow.
 */
import { fmt } from "../compare";
import { dayAndMonth } from "../dates";
import { nextMorningOf, type EvalContext } from "../context";
import { DEFAULT_USUAL_OF, responseOf, usualLevel } from "../monitoring";
import type { PainModel, Stage, Trial } from "../schema";
import type { Check } from "../types";
import { clinicianSentence, CompiledCriterion, type Evaluation } from "./common";

/** One response scored the morning after the trial, against its usual level. */
interface Response {
  name: string;
  value: number;
  usual: number;
}

interface TrialDetails {
  /** The latest trial session's day, or null when the stage has none yet. */
  trialDay: number | null;
  /** True while the morning after the trial has not come yet. */
  waiting: boolean;
  responses: Response[];
}

export class CompiledTrialResponse extends CompiledCriterion<TrialDetails> {
  private readonly tolerance: number;
  /** [test id or undefined for the pain on waking, its name in words]. */
  private readonly measures: [string | undefined, string][];

  constructor(
    private readonly trial: Trial,
    model: PainModel,
    stage: Stage,
  ) {
    const tolerance = model.settleTolerance ?? 0;
    super(
      { id: "trial_response", kind: "settle", source: trial.source },
      "gate",
      undefined,
      `Next-morning response to the latest trial (${trial.label}) back to usual (tolerance +${fmt(tolerance)})`,
      { threshold: tolerance, comparator: "lte", unit: "points" },
    );
    this.tolerance = tolerance;
    this.measures = [
      [undefined, "pain on waking"],
      ...(stage.monitoringTests ?? []).map((t): [string, string] => [t.id, `${t.name.toLowerCase()} pain`]),
    ];
  }

  evaluate(ctx: EvalContext): Evaluation {
    const { days, logs } = ctx;
    const test = this.trial.test;
    let trial = -1;
    for (let i = logs.length - 1; i >= 0 && days[i]! >= ctx.stageFirstDay; i--) {
      const log = logs[i]!;
      if (log.sessionDone === "none") continue;
      if (test !== undefined && (log.testPain?.[test] ?? null) === null) continue;
      trial = i;
      break;
    }
    if (trial < 0)
      return this.noData(`a ${this.trial.label} in this stage`, { trialDay: null, waiting: false, responses: [] });
    const trialDay = days[trial]!;
    if (trialDay >= ctx.today) {
      return this.noData(`the report from the morning after the ${this.trial.label} on ${dayAndMonth(trialDay)}`, {
        trialDay,
        waiting: true,
        responses: [],
      });
    }
    const morning = nextMorningOf(ctx, trial);
    const responses: Response[] = [];
    for (const [measure, name] of this.measures) {
      const value = responseOf(morning, measure);
      // The usual level in this stage; early in a stage, before it has any, the plan's.
      const usual =
        usualLevel(ctx, measure, ctx.stageFirstDay, trialDay + 1, DEFAULT_USUAL_OF) ??
        usualLevel(ctx, measure, ctx.planStart, trialDay + 1, DEFAULT_USUAL_OF);
      if (value !== null && usual !== null) responses.push({ name, value, usual });
    }
    if (responses.length === 0)
      return this.noData(`the report from the morning after the ${this.trial.label} on ${dayAndMonth(trialDay)}`, {
        trialDay,
        waiting: false,
        responses,
      });
    const worst = Math.max(...responses.map((r) => r.value - r.usual));
    return this.measured(worst, worst <= this.tolerance ? "met" : "not_met", { trialDay, waiting: false, responses });
  }

  protected patient(k: Check, p: TrialDetails): string {
    const what = this.trial.label;
    if (p.trialDay === null) return `We still need a ${what} in this stage before moving you on.`;
    const on = `on ${dayAndMonth(p.trialDay)}`;
    if (k.status === "no_data")
      return p.waiting
        ? `We wait for how you feel tomorrow morning after your ${what} ${on} before moving you on.`
        : `We still need your report from the morning after your ${what} ${on} before moving you on.`;
    if (k.status === "met") return `The morning after your ${what} ${on} you were back to your usual level: goal met.`;
    const worst = p.responses.reduce((a, b) => (b.value - b.usual > a.value - a.usual ? b : a));
    const excess = worst.value - worst.usual;
    return `The morning after your ${what} ${on} your ${worst.name} was ${fmt(excess)} point${excess === 1 ? "" : "s"} above your usual level; it needs to settle before you move on.`;
  }

  protected clinician(k: Check, p: TrialDetails): string {
    const requirement = `worst excess over the usual level (median of the last ${DEFAULT_USUAL_OF} scores) ≤ ${fmt(this.tolerance)}`;
    if (k.status === "no_data")
      return clinicianSentence({
        role: "gate",
        status: "no_data",
        label: this.label,
        requirement,
        missing: k.missing,
        detail: p.waiting ? "The advance waits for the next morning's response to the trial." : undefined,
      });
    return clinicianSentence({
      role: "gate",
      status: k.status,
      label: this.label,
      observed: `worst excess ${fmt(k.observed as number)} the morning after the trial of ${dayAndMonth(p.trialDay!)}`,
      requirement,
      detail: `${p.responses.map((r) => `${r.name} ${fmt(r.value)} (usual ${fmt(r.usual)})`).join("; ")}.`,
    });
  }
}
