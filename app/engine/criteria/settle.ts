/**
 * Symptoms settle: after each session in the window, the next-morning response is back to no more than baseline +
 * tolerance. The response is the pain on waking, or one of the stage's monitoring tests scored that morning (`test`).
 * Baseline 'pre_session' is the same score on the morning of the session day itself (how the patient woke before
 * training); 'fixed' is a set value (e.g. 0 = pain-free next morning); 'usual' is the score's usual level, the median
 * of its last few values before that morning (monitoring.ts). Observed is the worst excess over baseline.
 */
import { fmt, requirementWords } from "../compare";
import { dayAndMonth, fromDayNumber } from "../dates";
import { nextMorningOf, type EvalContext } from "../context";
import { DEFAULT_USUAL_OF, monitoringTestName, responseOf, usualLevel } from "../monitoring";
import type { PainModel, SettleCriterion, Stage } from "../schema";
import type { Check, CheckRole } from "../types";
import {
  describeWindow,
  firstDayInScope,
  sessionsInWindow,
  shortWindow,
  sinceStageWords,
  stageCutDay,
} from "../windows";
import { capitalise, clinicianSentence, CompiledCriterion, patientSentence, type Evaluation } from "./common";

/** How many sessions could be judged, and the session days that did not settle (oldest first). */
interface SettleDetails {
  judged: number;
  unsettled: number[];
  /** The stage's entry day when the stage's start cut the window short (stage-scoped gates), else null. */
  since: number | null;
}

export class CompiledSettle extends CompiledCriterion<SettleDetails> {
  private readonly tolerance: number;
  private readonly settled: boolean;
  private readonly requirement: string;
  private readonly symbolicRequirement: string;
  private readonly missing: string;
  private readonly minSamples: number;
  private readonly usualOf: number;
  /** Patient words for what is judged: "how your pain settled by the next morning". */
  private readonly subject: string;
  /** The monitoring test's name, when the response is judged on one. */
  private readonly testName: string | null;
  /** The score judged, in words: "morning pain", "single-leg decline squat pain". */
  private readonly score: string;

  constructor(
    private readonly c: SettleCriterion,
    model: PainModel,
    stage: Stage,
    role: CheckRole,
    ruleId?: string,
  ) {
    const tolerance = c.tolerance ?? model.settleTolerance ?? 0;
    const testName = c.test === undefined ? null : monitoringTestName(stage, c.test);
    const usualOf = c.usualOf ?? DEFAULT_USUAL_OF;
    super(
      c,
      role,
      ruleId,
      c.label ??
        (testName === null
          ? `Symptoms settled by next morning (${shortWindow(c.window)}, tolerance +${fmt(tolerance)})`
          : `${testName} pain settled by next morning (${shortWindow(c.window)}, tolerance +${fmt(tolerance)})`),
      { threshold: tolerance, comparator: (c.expect ?? "settled") === "settled" ? "lte" : "gt", unit: "points" },
      { threshold: tolerance, unit: "/10" },
    );
    this.testName = testName;
    this.usualOf = usualOf;
    this.subject =
      testName === null
        ? "how your pain settled by the next morning"
        : `how your ${testName.toLowerCase()} felt the morning after`;
    const expect = c.expect ?? "settled";
    const windowText = describeWindow(c.window);
    const baselineWords =
      c.baseline === "fixed"
        ? `${fmt(c.baselineValue ?? 0)}/10`
        : c.baseline === "usual"
          ? `its usual level (median of the last ${usualOf} scores)`
          : "the morning before";
    const response = testName === null ? "next-morning pain" : `next-morning ${testName.toLowerCase()} pain`;
    const requirementGate = `${response} no more than ${fmt(tolerance)} above ${baselineWords}`;
    this.tolerance = tolerance;
    this.settled = expect === "settled";
    this.requirement =
      expect === "settled" ? requirementGate : `not settled: ${requirementGate} failed after a session`;
    this.symbolicRequirement =
      expect === "settled" ? `worst excess ≤ ${fmt(tolerance)}` : `worst excess > ${fmt(tolerance)}`;
    const score = testName === null ? "morning pain" : `${testName.toLowerCase()} pain`;
    this.score = score;
    this.missing =
      c.baseline === "pre_session"
        ? `${score} on the session day and the morning after, for sessions ${windowText}`
        : c.baseline === "usual"
          ? `${score} the morning after sessions ${windowText}, and an earlier score to compare with`
          : `${response} after sessions ${windowText}`;
    this.minSamples = c.minSamples ?? 1;
  }

  evaluate(ctx: EvalContext): Evaluation {
    const { c, tolerance } = this;
    const { days, logs } = ctx;
    // Only sessions whose next morning has come can be judged.
    const firstDay = firstDayInScope(ctx, this.role, c.scope ?? "stage");
    const sessions = sessionsInWindow(ctx, c.window, firstDay, ctx.today - 1);
    let judged = 0;
    let worst = 0;
    const unsettled: number[] = [];
    const usualFrom = (c.scope ?? "stage") === "stage" ? ctx.stageFirstDay : ctx.planStart;
    for (const i of sessions) {
      const response = responseOf(nextMorningOf(ctx, i), c.test);
      const baseline =
        c.baseline === "fixed"
          ? c.baselineValue
          : c.baseline === "usual"
            ? usualLevel(ctx, c.test, usualFrom, days[i]! + 1, this.usualOf)
            : responseOf(logs[i], c.test);
      if (response === null || baseline === null || baseline === undefined) continue;
      const excess = response - baseline;
      if (judged === 0 || excess > worst) worst = excess;
      judged++;
      if (excess > tolerance) unsettled.push(days[i]!);
    }
    const since = stageCutDay(ctx, this.role, c.scope ?? "stage", c.window);
    const details = { judged, unsettled, since };
    if (judged < this.minSamples)
      return this.noData(since === null ? this.missing : `${this.missing}, since ${dayAndMonth(since)}`, details);
    const isSettled = worst <= tolerance;
    const met = this.settled ? isSettled : !isSettled;
    return this.measured(worst, met ? "met" : "not_met", details, worst === tolerance && tolerance > 0);
  }

  protected override noDataProgress(p: SettleDetails): string | null {
    if (p.since === null) return null;
    const since = sinceStageWords(p.since);
    return p.judged === 0
      ? `no session judged yet ${since}`
      : `${p.judged} of ${this.minSamples} sessions judged ${since}`;
  }

  protected patient(k: Check, p: SettleDetails): string {
    const { role } = this;
    const progress = k.status === "no_data" ? this.noDataProgress(p) : null;
    if (progress !== null)
      return `${capitalise(progress)}: each needs your ${this.score} ${this.c.baseline === "pre_session" ? "on the session day and the morning after" : "the morning after"} (goal: ${this.subject} ${requirementWords("lte", "your usual")}).`;
    if (k.status === "no_data") {
      return patientSentence({
        role,
        status: "no_data",
        subject: this.subject,
        requirement: requirementWords("lte", "your usual"),
        missing: this.missing,
      });
    }
    const worst = k.observed as number;
    const observedText =
      worst <= 0 ? "back to your usual level every time" : `up to ${fmt(worst)} points above your usual level`;
    const what = this.testName === null ? "Your pain" : `Your ${this.testName.toLowerCase()}`;
    return role === "gate"
      ? k.status === "met"
        ? `${what} settled by the next morning after each session: goal met.`
        : `${what} was ${observedText} the morning after a session; it needs to settle by the next morning.`
      : k.status === "met"
        ? `${what} had not settled by the next morning (${observedText}), so we are easing off.`
        : `${what} settled by the next morning, which is fine.`;
  }

  protected clinician(k: Check, p: SettleDetails): string {
    const { role, label } = this;
    if (k.status === "no_data")
      return clinicianSentence({
        role,
        status: "no_data",
        label,
        requirement: this.symbolicRequirement,
        missing: this.missing,
      });
    return clinicianSentence({
      role,
      status: k.status,
      label,
      observed: `worst next-morning excess ${fmt(k.observed as number)} over ${p.judged} session(s)`,
      requirement: this.symbolicRequirement,
      detail:
        p.unsettled.length > 0
          ? `Not settled after sessions of ${p.unsettled.map(fromDayNumber).join(", ")}.`
          : "Settled after every session.",
    });
  }
}
