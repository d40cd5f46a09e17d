/**
 * Repetitions: the stage's session completed N times meeting its conditions (walk-run phases: "each phase at least
 * twice without swelling, stiffness or more pain"). Only fully done sessions count. A condition whose value was not
 * logged disqualifies the session (missing data never passes); a next-morning condition waits for that report.
 */
import { fmt } from "../compare";
import { fromDayNumber } from "../dates";
import type { RepetitionsCriterion } from "../schema";
import type { DailyLogFact } from "../types";
import { firstDayInScope, sessionsBetween, type CriterionEnv } from "../windows";
import { clinicianSentence, patientSentence, type CheckCore } from "./common";
import { SWELLING_RANK } from "./swelling-order";

type Verdict = "ok" | "failed" | "unknown";

function sessionVerdict(c: RepetitionsCriterion, log: DailyLogFact, nextMorning: DailyLogFact | undefined, waitingForMorning: boolean): { verdict: Verdict; why?: string } {
  const k = c.conditions;
  const inclusive = k.inclusive ?? true;
  // [name, value, bound, kind]: 'min' = value must reach bound; 'max' = value must not pass bound.
  const checks: [string, number | null | undefined, number, "min" | "max"][] = [];
  if (k.minRunningMinutes !== undefined) checks.push(["running minutes", log.runningMinutes, k.minRunningMinutes, "min"]);
  if (k.minSessionMinutes !== undefined) checks.push(["session minutes", log.sessionMinutes, k.minSessionMinutes, "min"]);
  if (k.maxPainDuring !== undefined) checks.push(["pain during", log.painDuring, k.maxPainDuring, "max"]);
  if (k.maxPainAfter !== undefined) checks.push(["pain after", log.painAfter, k.maxPainAfter, "max"]);
  if (k.maxNextMorningPain !== undefined) {
    if (waitingForMorning) return { verdict: "unknown", why: "next-morning report not yet due" };
    checks.push(["next-morning pain", nextMorning?.morningPain, k.maxNextMorningPain, "max"]);
  }
  if (k.maxSwelling !== undefined) {
    const swelling = log.swelling;
    if (swelling === null || swelling === undefined) return { verdict: "unknown", why: "swelling not logged" };
    if (SWELLING_RANK[swelling] > SWELLING_RANK[k.maxSwelling]) return { verdict: "failed", why: `swelling ${swelling}` };
  }
  if (k.soreness !== undefined) {
    const soreness = log.soreness;
    if (soreness === null || soreness === undefined) return { verdict: "unknown", why: "soreness not logged" };
    if (!k.soreness.includes(soreness)) return { verdict: "failed", why: `soreness ${soreness.replace(/_/g, " ")}` };
  }
  for (const [name, value, bound, kind] of checks) {
    if (value === null || value === undefined) return { verdict: "unknown", why: `${name} not logged` };
    const ok = kind === "min" ? value >= bound : inclusive ? value <= bound : value < bound;
    if (!ok) return { verdict: "failed", why: `${name} ${fmt(value)}` };
  }
  return { verdict: "ok" };
}

export function evaluateRepetitions(c: RepetitionsCriterion, env: CriterionEnv): CheckCore {
  const { ctx, role } = env;
  const label = c.label ?? `Sessions completed meeting the conditions ≥ ${c.count}${c.restDayBetween ? " (rest day between)" : ""}`;
  const first = firstDayInScope(env, c.scope ?? "stage");
  const sessions = sessionsBetween(ctx, first, ctx.today);
  const requirement = `at least ${c.count} time${c.count === 1 ? "" : "s"}`;
  const subject = "the number of sessions you completed as planned";
  if (sessions.length === 0) {
    const missing = "a logged session in this stage";
    return {
      label,
      observed: null,
      threshold: c.count,
      comparator: "gte",
      unit: "sessions",
      status: "no_data",
      missing,
      patientText: patientSentence({ role, status: "no_data", subject, requirement, missing }),
      clinicianText: clinicianSentence({ role, status: "no_data", label, requirement: `≥ ${c.count}`, missing }),
    };
  }
  const qualifying: number[] = [];
  const excluded: string[] = [];
  let previousSessionDay: number | null = null;
  for (const row of sessions) {
    const backToBack = previousSessionDay !== null && row.day - previousSessionDay === 1;
    previousSessionDay = row.day;
    if (row.log.sessionDone !== "done") {
      excluded.push(`${fromDayNumber(row.day)} partial`);
      continue;
    }
    if (c.restDayBetween && backToBack) {
      excluded.push(`${fromDayNumber(row.day)} no rest day before`);
      continue;
    }
    const { verdict, why } = sessionVerdict(c, row.log, ctx.logAt(row.day + 1), row.day + 1 > ctx.today);
    if (verdict === "ok") qualifying.push(row.day);
    else excluded.push(`${fromDayNumber(row.day)} ${why}`);
  }
  const observed = qualifying.length;
  const status = observed >= c.count ? "met" : "not_met";
  return {
    label,
    observed,
    threshold: c.count,
    comparator: "gte",
    unit: "sessions",
    status,
    patientText:
      role === "gate" && status === "not_met"
        ? `You have completed this step's session as planned ${observed} of ${c.count} times.`
        : patientSentence({ role, status, subject, observed: String(observed), requirement }),
    clinicianText: clinicianSentence({
      role,
      status,
      label,
      observed: `${observed} qualifying`,
      requirement: `≥ ${c.count}`,
      detail:
        (qualifying.length > 0 ? `Qualifying: ${qualifying.map(fromDayNumber).join(", ")}.` : "") +
        (excluded.length > 0 ? ` Not counted: ${excluded.slice(-6).join("; ")}.` : ""),
    }),
  };
}
