/**
 * Capacity measures: an absolute value, a limb symmetry index, or a change from the first measurement.
 * LSI = involved ÷ uninvolved × 100; for timed tests (lowerIsBetter) it is inverted to uninvolved ÷ involved × 100
 * so that 100 % still means "as good as the other leg" and higher is still better. Both sides must have been
 * measured on the same day (a fair comparison); the latest such day is used.
 */
import { fmt, requirementWords, tidy } from "../compare";
import { fromDayNumber } from "../dates";
import type { CapacityCriterion } from "../schema";
import type { CriterionEnv } from "../windows";
import { capitalise, clinicianSentence, judge, noDataCore, patientSentence, symbolic, type CheckCore } from "./common";
import { lastPerDay, limbSeries, measurementsInScope } from "./measures";
import { measureName as measureWords } from "../measure-names";


export function evaluateCapacity(c: CapacityCriterion, env: CriterionEnv): CheckCore {
  const { ctx, role } = env;
  const rows = measurementsInScope(env, c.measure, c.scope ?? "plan", c.maxAgeDays);
  const lowerIsBetter = c.lowerIsBetter ?? false;
  const unit = c.mode === "lsi" ? "%" : c.unit;
  const u = unit ? (unit === "%" ? "%" : ` ${unit}`) : "";
  const modeText = c.mode === "lsi" ? "limb symmetry" : c.mode === "change_from_baseline" ? "change from first test" : c.side === "uninvolved" ? "uninvolved side" : "involved side";
  const label = c.label ?? `${capitalise(measureWords(c.measure))} ${modeText}${lowerIsBetter && c.mode === "lsi" ? " (timed, inverted)" : ""} ${symbolic(c.comparator, `${fmt(c.threshold)}${u}`)}`;
  const requirement = requirementWords(c.comparator, `${fmt(c.threshold)}${u}`);
  const subject =
    c.mode === "lsi"
      ? `your ${measureWords(c.measure)} compared with your other leg`
      : c.mode === "change_from_baseline"
        ? `the change in your ${measureWords(c.measure)} since your first test`
        : `your ${measureWords(c.measure)}`;
  const ageText = c.maxAgeDays !== undefined ? ` in the last ${c.maxAgeDays} days` : "";
  const symbolicRequirement = symbolic(c.comparator, `${fmt(c.threshold)}${u}`);
  const base = { role, label, subject, requirement, symbolicRequirement, threshold: c.threshold, comparator: c.comparator, unit };

  let observed: number;
  let detail: string;
  if (c.mode === "lsi") {
    const inv = ctx.involvedSide;
    const uninv = ctx.uninvolvedSide;
    if (!inv || !uninv) return noDataCore({ ...base, missing: `limb symmetry needs one involved side (plan: '${ctx.input.plan.involvedSide}')` });
    const invRows = lastPerDay(rows.filter((r) => r.side === inv));
    const uninvByDay = new Map(lastPerDay(rows.filter((r) => r.side === uninv)).map((r) => [r.day, r.value]));
    let pair: { day: number; involved: number; uninvolved: number } | null = null;
    for (let i = invRows.length - 1; i >= 0 && !pair; i--) {
      const other = uninvByDay.get(invRows[i]!.day);
      if (other !== undefined) pair = { day: invRows[i]!.day, involved: invRows[i]!.value, uninvolved: other };
    }
    if (!pair) return noDataCore({ ...base, missing: `both legs tested for ${measureWords(c.measure)} on the same day${ageText}` });
    const numerator = lowerIsBetter ? pair.uninvolved : pair.involved;
    const denominator = lowerIsBetter ? pair.involved : pair.uninvolved;
    if (denominator === 0) return noDataCore({ ...base, missing: `a non-zero ${lowerIsBetter ? "involved" : "uninvolved"} value for the symmetry index` });
    observed = tidy((numerator / denominator) * 100);
    detail = `${fromDayNumber(pair.day)}: involved (${inv}) ${fmt(pair.involved)}, uninvolved ${fmt(pair.uninvolved)}${lowerIsBetter ? "; timed test, LSI = uninvolved ÷ involved × 100" : "; LSI = involved ÷ uninvolved × 100"}.`;
  } else {
    const series = limbSeries(env, rows, c.side ?? "involved", lowerIsBetter);
    if (!series.rows || series.rows.length === 0) {
      return noDataCore({ ...base, missing: series.rows === null ? `${measureWords(c.measure)}: ${series.missing}${ageText}` : `${measureWords(c.measure)}${ageText}` });
    }
    const latest = series.rows[series.rows.length - 1]!;
    if (c.mode === "absolute") {
      observed = latest.value;
      detail = `Measured ${fromDayNumber(latest.day)}${series.note ? ` (${series.note})` : ""}.`;
    } else {
      const baseline = series.rows[0]!;
      if (baseline.day === latest.day) return noDataCore({ ...base, missing: `a second ${measureWords(c.measure)} test after the first (${fromDayNumber(baseline.day)})` });
      observed = tidy(latest.value - baseline.value);
      detail = `${fmt(baseline.value)} on ${fromDayNumber(baseline.day)} → ${fmt(latest.value)} on ${fromDayNumber(latest.day)}${series.note ? ` (${series.note})` : ""}.`;
    }
  }
  const { status, boundary } = judge(observed, c.comparator, c.threshold);
  const obsText = `${fmt(observed)}${u}`;
  return {
    label,
    observed,
    threshold: c.threshold,
    comparator: c.comparator,
    unit,
    status,
    boundary,
    patientText: patientSentence({ role, status, subject, observed: obsText, requirement }),
    clinicianText: clinicianSentence({ role, status, label, observed: obsText, requirement: symbolic(c.comparator, `${fmt(c.threshold)}${u}`), detail }),
  };
}
