/**
 * Soreness rules (Delaware; Adams et al.): the soreness reported for a session, compared with a set of levels.
 * Typical use: gate levels ['none'] (no soreness → advance); regress levels ['warmup_persisted'] (sore through
 * warm-up → stop, 2 days off, drop a level). 'warmup_resolved' and 'after_1h_or_next_day' mean repeat the level,
 * which is what a not-met gate does (hold).
 */
import type { Soreness, SorenessCriterion } from "../schema";
import { fromDayNumber } from "../dates";
import { describeWindow, firstDayInScope, sessionRows, shortWindow, type CriterionEnv } from "../windows";
import { clinicianSentence, patientSentence, type CheckCore } from "./common";

export const SORENESS_WORDS: Record<Soreness, string> = {
  none: "no soreness",
  warmup_resolved: "sore at warm-up, gone during it",
  warmup_persisted: "sore at warm-up and it stayed",
  after_1h_or_next_day: "sore more than an hour after or the next day",
};

/** What the Delaware table says to do for each response; shown to the clinician. */
export const SORENESS_ADVICE: Record<Soreness, string> = {
  none: "advance as planned",
  warmup_resolved: "repeat the previous session",
  warmup_persisted: "stop, 2 days off, drop one level",
  after_1h_or_next_day: "1 day off, repeat the previous session",
};

export function evaluateSoreness(c: SorenessCriterion, env: CriterionEnv): CheckCore {
  const { role } = env;
  const windowText = describeWindow(c.window);
  const levelsText = c.levels.map((l) => SORENESS_WORDS[l]).join(" or ");
  const label = c.label ?? `Soreness (${c.aggregate}, ${shortWindow(c.window)}) in {${c.levels.join(", ")}}`;
  const rows = sessionRows(env, c.window, firstDayInScope(env, c.scope ?? "stage")).filter((r) => r.log.soreness);
  const requirement = c.aggregate === "all" ? `always ${levelsText}` : levelsText;
  const subject = `the soreness you reported ${windowText}`;
  if (rows.length === 0) {
    const missing = `soreness after a session ${windowText}`;
    return {
      label,
      observed: null,
      threshold: c.levels.join("|"),
      status: "no_data",
      missing,
      patientText: patientSentence({ role, status: "no_data", subject, requirement, missing }),
      clinicianText: clinicianSentence({ role, status: "no_data", label, requirement: `in {${c.levels.join(", ")}}`, missing }),
    };
  }
  const reported = rows.map((r) => ({ day: r.day, level: r.log.soreness! }));
  const latest = reported[reported.length - 1]!;
  let met: boolean;
  let shown = latest;
  if (c.aggregate === "latest") met = c.levels.includes(latest.level);
  else if (c.aggregate === "any") {
    const hit = [...reported].reverse().find((r) => c.levels.includes(r.level));
    met = hit !== undefined;
    if (hit) shown = hit;
  } else {
    const miss = [...reported].reverse().find((r) => !c.levels.includes(r.level));
    met = miss === undefined;
    if (miss) shown = miss;
  }
  const status = met ? "met" : "not_met";
  return {
    label,
    observed: shown.level,
    threshold: c.levels.join("|"),
    status,
    patientText: patientSentence({ role, status, subject, observed: SORENESS_WORDS[shown.level], requirement }),
    clinicianText: clinicianSentence({
      role,
      status,
      label,
      observed: `${shown.level} on ${fromDayNumber(shown.day)}`,
      requirement: `in {${c.levels.join(", ")}}`,
      detail: `Delaware table for '${shown.level}': ${SORENESS_ADVICE[shown.level]}.`,
    }),
  };
}
