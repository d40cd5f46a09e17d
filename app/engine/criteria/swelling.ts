/**
 * Swelling / effusion grade (none < trace < 1+ < 2+ < 3+, stroke test) over a window: the latest or the worst
 * grade logged, compared on that order.
 */
import { compare } from "../compare";
import type { SwellingCriterion, SwellingGrade } from "../schema";
import { describeWindow, firstDayInScope, logsBetween, shortWindow, type CriterionEnv } from "../windows";
import { fromDayNumber } from "../dates";
import { clinicianSentence, patientSentence, symbolic, type CheckCore } from "./common";
import { requirementWords } from "../compare";
import { SWELLING_RANK } from "./swelling-order";

export function evaluateSwelling(c: SwellingCriterion, env: CriterionEnv): CheckCore {
  const { ctx, role } = env;
  const windowText = describeWindow(c.window);
  const label = c.label ?? `Swelling (${c.aggregate}, ${shortWindow(c.window)}) ${symbolic(c.comparator, c.grade)}`;
  const first = firstDayInScope(env, c.scope ?? "stage");
  let graded: { day: number; grade: SwellingGrade }[] = [];
  const rows =
    "days" in c.window
      ? logsBetween(ctx, Math.max(ctx.today - c.window.days + 1, first), ctx.today)
      : logsBetween(ctx, first, ctx.today);
  for (const row of rows) if (row.log.swelling) graded.push({ day: row.day, grade: row.log.swelling });
  if ("sessions" in c.window) graded = graded.slice(Math.max(0, graded.length - c.window.sessions));
  const requirement = requirementWords(c.comparator, c.grade === "none" ? "none" : `grade ${c.grade}`);
  const subject = `the ${c.aggregate === "latest" ? "latest" : "most"} swelling you recorded ${windowText}`;
  if (graded.length === 0) {
    const missing = `a swelling grade ${windowText}`;
    return {
      label,
      observed: null,
      threshold: c.grade,
      comparator: c.comparator,
      status: "no_data",
      missing,
      patientText: patientSentence({ role, status: "no_data", subject, requirement, missing }),
      clinicianText: clinicianSentence({ role, status: "no_data", label, requirement: symbolic(c.comparator, c.grade), missing }),
    };
  }
  const pick =
    c.aggregate === "latest"
      ? graded[graded.length - 1]!
      : graded.reduce((w, g) => (SWELLING_RANK[g.grade] > SWELLING_RANK[w.grade] ? g : w));
  const status = compare(SWELLING_RANK[pick.grade], c.comparator, SWELLING_RANK[c.grade]) ? "met" : "not_met";
  return {
    label,
    observed: pick.grade,
    threshold: c.grade,
    comparator: c.comparator,
    status,
    patientText: patientSentence({ role, status, subject, observed: pick.grade === "none" ? "none" : `grade ${pick.grade}`, requirement }),
    clinicianText: clinicianSentence({
      role,
      status,
      label,
      observed: pick.grade,
      requirement: symbolic(c.comparator, c.grade),
      detail: `${c.aggregate === "latest" ? "Latest" : "Worst"} of ${graded.length} grade(s), on ${fromDayNumber(pick.day)}.`,
    }),
  };
}
