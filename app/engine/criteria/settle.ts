/**
 * Symptoms settle: after each session in the window, the next-morning pain is back to no more than baseline +
 * tolerance. Baseline 'pre_session' is the morning report of the session day itself (how the patient woke before
 * training); 'fixed' is a set value (e.g. 0 = pain-free next morning). Observed is the worst excess over baseline.
 */
import { fmt, requirementWords } from "../compare";
import { fromDayNumber } from "../dates";
import type { SettleCriterion } from "../schema";
import { describeWindow, firstDayInScope, sessionRows, shortWindow, type CriterionEnv } from "../windows";
import { clinicianSentence, patientSentence, type CheckCore } from "./common";

export function evaluateSettle(c: SettleCriterion, env: CriterionEnv): CheckCore {
  const { ctx, role } = env;
  const tolerance = c.tolerance ?? ctx.program.painModel.settleTolerance ?? 0;
  const expect = c.expect ?? "settled";
  const windowText = describeWindow(c.window);
  const label = c.label ?? `Symptoms settled by next morning (${shortWindow(c.window)}, tolerance +${fmt(tolerance)})`;
  // Only sessions whose next morning has come can be judged.
  const sessions = sessionRows(env, c.window, firstDayInScope(env, c.scope ?? "stage"), ctx.today - 1);
  const excesses: { day: number; excess: number }[] = [];
  for (const row of sessions) {
    const response = ctx.logAt(row.day + 1)?.morningPain;
    const baseline = c.baseline === "fixed" ? c.baselineValue : row.log.morningPain;
    if (response === null || response === undefined || baseline === null || baseline === undefined) continue;
    excesses.push({ day: row.day, excess: response - baseline });
  }
  const minSamples = c.minSamples ?? 1;
  const requirementGate = `next-morning pain no more than ${fmt(tolerance)} above ${c.baseline === "fixed" ? `${fmt(c.baselineValue ?? 0)}/10` : "the morning before"}`;
  const requirement = expect === "settled" ? requirementGate : `not settled: ${requirementGate} failed after a session`;
  const symbolicReq = expect === "settled" ? `worst excess ≤ ${fmt(tolerance)}` : `worst excess > ${fmt(tolerance)}`;
  const subject = "how your pain settled by the next morning";
  if (excesses.length < minSamples) {
    const missing =
      c.baseline === "pre_session"
        ? `morning pain on the session day and the morning after, for sessions ${windowText}`
        : `next-morning pain after sessions ${windowText}`;
    return {
      label,
      observed: null,
      threshold: tolerance,
      unit: "/10",
      status: "no_data",
      missing,
      patientText: patientSentence({ role, status: "no_data", subject, requirement: requirementWords("lte", "your usual"), missing }),
      clinicianText: clinicianSentence({ role, status: "no_data", label, requirement: symbolicReq, missing }),
    };
  }
  const worst = excesses.reduce((w, e) => (e.excess > w.excess ? e : w));
  const settled = worst.excess <= tolerance;
  const met = expect === "settled" ? settled : !settled;
  const status = met ? "met" : "not_met";
  const unsettled = excesses.filter((e) => e.excess > tolerance).map((e) => fromDayNumber(e.day));
  const observedText =
    worst.excess <= 0 ? "back to your usual level every time" : `up to ${fmt(worst.excess)} points above your usual level`;
  return {
    label,
    observed: worst.excess,
    threshold: tolerance,
    comparator: expect === "settled" ? "lte" : "gt",
    unit: "points",
    status,
    boundary: worst.excess === tolerance && tolerance > 0,
    patientText:
      role === "gate"
        ? status === "met"
          ? `Your pain settled by the next morning after each session: goal met.`
          : `Your pain was ${observedText} the morning after a session; it needs to settle by the next morning.`
        : status === "met"
          ? `Your pain had not settled by the next morning (${observedText}), so we are easing off.`
          : `Your pain settled by the next morning, which is fine.`,
    clinicianText: clinicianSentence({
      role,
      status,
      label,
      observed: `worst next-morning excess ${fmt(worst.excess)} over ${excesses.length} session(s)`,
      requirement: symbolicReq,
      detail: unsettled.length > 0 ? `Not settled after sessions of ${unsettled.join(", ")}.` : "Settled after every session.",
    }),
  };
}
