/**
 * Flags for the clinician: things a human should look at whatever the outcome. Flags never change the outcome.
 */
import { fmt } from "./compare";
import { fromDayNumber } from "./dates";
import { DEFAULTS } from "./defaults";
import type { EvalContext } from "./context";
import { SWELLING_RANK } from "./criteria/swelling-order";
import { painMetricLabel } from "./criteria/pain-words";
import type { Criterion, PainMetric, PainModel, Stage } from "./schema";
import type { Flag } from "./types";
import { logsBetween } from "./windows";

const PAIN_FIELDS: [PainMetric, "painDuring" | "painAfter" | "morningPain" | "painAtRest"][] = [
  ["during", "painDuring"],
  ["after", "painAfter"],
  ["next_morning", "morningPain"],
  ["at_rest", "painAtRest"],
];

/** Any pain at or above the program's red-flag level in the last days (stiffness is not pain, so not counted). */
export function redFlagPain(ctx: EvalContext): Flag | null {
  const level = ctx.program.painModel.redFlagPain;
  // Find the worst (latest among equals) value first; build words only for it.
  let worst: { value: number; day: number; metric: PainMetric; test?: string } | null = null;
  for (const row of logsBetween(ctx, ctx.today - DEFAULTS.flagLookbackDays + 1, ctx.today)) {
    for (const [metric, field] of PAIN_FIELDS) {
      const value = row.log[field];
      if (value != null && value >= level && (!worst || value >= worst.value)) worst = { value, day: row.day, metric };
    }
    if (row.log.testPain) {
      for (const test in row.log.testPain) {
        const value = row.log.testPain[test]!;
        if (value >= level && (!worst || value >= worst.value)) worst = { value, day: row.day, metric: "test", test };
      }
    }
  }
  if (!worst) return null;
  const w = { ...worst, what: worst.metric === "test" ? painMetricLabel("test", worst.test) : painMetricLabel(worst.metric).toLowerCase() };
  return {
    code: "red_flag_pain",
    severity: "high",
    message: `${w.what} ${fmt(w.value)}/10 on ${fromDayNumber(w.day)}, at or above the red-flag level ${fmt(level)}/10: review the patient.`,
  };
}

/** Effusion 1+ or more in the last days: 1+ is a warning (stay at level), 2+ high (hold and treat; Delaware). */
export function effusion(ctx: EvalContext): Flag | null {
  let worst: { rank: number; grade: string; day: number } | null = null;
  for (const row of logsBetween(ctx, ctx.today - DEFAULTS.flagLookbackDays + 1, ctx.today)) {
    const g = row.log.swelling;
    if (g && SWELLING_RANK[g] >= SWELLING_RANK["1+"] && (!worst || SWELLING_RANK[g] >= worst.rank)) {
      worst = { rank: SWELLING_RANK[g], grade: g, day: row.day };
    }
  }
  if (!worst) return null;
  const high = worst.rank >= SWELLING_RANK["2+"];
  return {
    code: "effusion",
    severity: high ? "high" : "warning",
    message: `Effusion ${worst.grade} logged on ${fromDayNumber(worst.day)}${high ? ": hold and treat (Delaware: 2+)" : ": stay at this level (Delaware: 1+)"}.`,
  };
}

/** Rules in the stage that contradict the program's pain model or each other. Depends on the program only. */
export function conflictingRules(ctx: EvalContext, stage: Stage): Flag[] {
  const model = ctx.program.painModel;
  const flags: Flag[] = [];
  for (const c of stage.gates) checkPainAgainstModel(c, `gate '${c.id}'`, "gate", model, flags);
  // Soreness levels that pass a gate (usually none: most stages have no soreness gate).
  let gateLevels: Set<string> | null = null;
  for (const c of stage.gates) {
    if (c.kind === "soreness") for (const level of c.levels) (gateLevels ??= new Set()).add(level);
  }
  for (const rule of stage.regressRules) {
    for (const c of rule.criteria) {
      checkPainAgainstModel(c, `regress rule '${rule.id}' criterion '${c.id}'`, "regress", model, flags);
      if (c.kind === "soreness" && gateLevels) {
        const overlap = c.levels.filter((l) => gateLevels!.has(l));
        if (overlap.length > 0) {
          flags.push({
            code: "conflicting_rules",
            severity: "warning",
            message: `Soreness '${overlap.join("', '")}' both passes a gate and triggers regress rule '${rule.id}'.`,
          });
        }
      }
    }
  }
  return flags;
}

function checkPainAgainstModel(c: Criterion, where: string, role: "gate" | "regress", model: PainModel, flags: Flag[]): void {
  if (c.kind !== "pain" || c.threshold === undefined) return;
  if (c.metric !== "during" && c.metric !== "after") return;
  const modelLimit = c.metric === "during" ? model.duringMax : model.afterMax;
  if (modelLimit === null && c.metric === "during") {
    flags.push({
      code: "conflicting_rules",
      severity: "warning",
      message: `The pain model (${model.name}) allows pain during loading, but ${where} limits it to ${fmt(c.threshold)}/10.`,
    });
  } else if (
    modelLimit !== null &&
    role === "gate" &&
    (c.comparator === "lte" || c.comparator === "lt" || c.comparator === undefined) &&
    c.threshold > modelLimit
  ) {
    flags.push({
      code: "conflicting_rules",
      severity: "warning",
      message: `${where} accepts ${c.metric} pain up to ${fmt(c.threshold)}/10, above the pain model's limit of ${fmt(modelLimit)}/10.`,
    });
  }
}
