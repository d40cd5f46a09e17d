/**
 * Symptoms settle: after each session in the window, the next-morning pain is back to no more than baseline +
 * tolerance. Baseline 'pre_session' is the morning report of the session day itself (how the patient woke before
 * training); 'fixed' is a set value (e.g. 0 = pain-free next morning). Observed is the worst excess over baseline.
 */
import { fmt, requirementWords } from "../compare";
import { fromDayNumber } from "../dates";
import { nextMorningOf, type EvalContext } from "../context";
import type { PainModel, SettleCriterion } from "../schema";
import type { Check, CheckRole } from "../types";
import { describeWindow, firstDayInScope, sessionsInWindow, shortWindow } from "../windows";
import { clinicianSentence, CompiledCriterion, patientSentence, type Evaluation } from "./common";

/** How many sessions could be judged, and the session days that did not settle (oldest first). */
interface SettleDetails {
  judged: number;
  unsettled: number[];
}

const SUBJECT = "how your pain settled by the next morning";

export class CompiledSettle extends CompiledCriterion<SettleDetails> {
  private readonly tolerance: number;
  private readonly settled: boolean;
  private readonly requirement: string;
  private readonly symbolicRequirement: string;
  private readonly missing: string;
  private readonly minSamples: number;

  constructor(
    private readonly c: SettleCriterion,
    model: PainModel,
    role: CheckRole,
    ruleId?: string,
  ) {
    const tolerance = c.tolerance ?? model.settleTolerance ?? 0;
    super(
      c,
      role,
      ruleId,
      c.label ?? `Symptoms settled by next morning (${shortWindow(c.window)}, tolerance +${fmt(tolerance)})`,
      { threshold: tolerance, comparator: (c.expect ?? "settled") === "settled" ? "lte" : "gt", unit: "points" },
      { threshold: tolerance, unit: "/10" },
    );
    const expect = c.expect ?? "settled";
    const windowText = describeWindow(c.window);
    const requirementGate = `next-morning pain no more than ${fmt(tolerance)} above ${c.baseline === "fixed" ? `${fmt(c.baselineValue ?? 0)}/10` : "the morning before"}`;
    this.tolerance = tolerance;
    this.settled = expect === "settled";
    this.requirement =
      expect === "settled" ? requirementGate : `not settled: ${requirementGate} failed after a session`;
    this.symbolicRequirement =
      expect === "settled" ? `worst excess ≤ ${fmt(tolerance)}` : `worst excess > ${fmt(tolerance)}`;
    this.missing =
      c.baseline === "pre_session"
        ? `morning pain on the session day and the morning after, for sessions ${windowText}`
        : `next-morning pain after sessions ${windowText}`;
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
    for (const i of sessions) {
      const response = nextMorningOf(ctx, i)?.morningPain;
      const baseline = c.baseline === "fixed" ? c.baselineValue : logs[i]!.morningPain;
      if (response === null || response === undefined || baseline === null || baseline === undefined) continue;
      const excess = response - baseline;
      if (judged === 0 || excess > worst) worst = excess;
      judged++;
      if (excess > tolerance) unsettled.push(days[i]!);
    }
    const details = { judged, unsettled };
    if (judged < this.minSamples) return this.noData(this.missing, details);
    const isSettled = worst <= tolerance;
    const met = this.settled ? isSettled : !isSettled;
    return this.measured(worst, met ? "met" : "not_met", details, worst === tolerance && tolerance > 0);
  }

  protected patient(k: Check): string {
    const { role } = this;
    if (k.status === "no_data") {
      return patientSentence({
        role,
        status: "no_data",
        subject: SUBJECT,
        requirement: requirementWords("lte", "your usual"),
        missing: this.missing,
      });
    }
    const worst = k.observed as number;
    const observedText =
      worst <= 0 ? "back to your usual level every time" : `up to ${fmt(worst)} points above your usual level`;
    return role === "gate"
      ? k.status === "met"
        ? `Your pain settled by the next morning after each session: goal met.`
        : `Your pain was ${observedText} the morning after a session; it needs to settle by the next morning.`
      : k.status === "met"
        ? `Your pain had not settled by the next morning (${observedText}), so we are easing off.`
        : `Your pain settled by the next morning, which is fine.`;
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
