/**
 * Flags for the clinician: things a human should look at whatever the outcome. Flags never change the outcome.
 */
import { COMPARATOR_SYMBOL, compare, fmt } from "./compare";
import { fromDayNumber } from "./dates";
import { DEFAULTS } from "./defaults";
import type { EvalContext } from "./context";
import { SWELLING_RANK } from "./criteria/swelling-order";
import { capitalise } from "./criteria/common";
import { resolvePainLimit } from "./criteria/pain";
import { painMetricLabel } from "./criteria/pain-words";
import { PairCache } from "./compiled";
import type { Criterion, PainMetric, PainModel, Program, Stage } from "./schema";
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

const CONFLICTS = new PairCache<Program, Stage, Flag[]>();

/** Rules in the stage that contradict the program's pain model or each other. Depends on the program only, so it is
 * worked out once per program and stage; each decision gets its own copies of the flags. */
export function conflictingRules(ctx: EvalContext, stage: Stage): Flag[] {
  const cached = CONFLICTS.get(ctx.program, stage) ?? CONFLICTS.set(ctx.program, stage, findConflicts(ctx.program.painModel, stage));
  return cached.length === 0 ? cached : cached.map((f) => ({ ...f }));
}

function findConflicts(model: PainModel, stage: Stage): Flag[] {
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

/** The whole points of the 0–10 numeric rating scale the app records pain on (clinical-reference §7). */
const NRS_POINTS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/**
 * Whether the pain model accepts this pain level on this metric: `true` = acceptable (continue), `false` = beyond
 * what the model allows, `null` = the model sets no limit for the metric (no conflict can be judged).
 * A numeric limit accepts pain up to it (inclusive) or below it (exclusive). `duringMax: null` means "pain allowed
 * unless disabling" (Alfredson): every level below the program's red-flag level is acceptable; the red-flag level and
 * above is where the program itself says pain is alarming, so a rule that stops loading there agrees with the model.
 */
export function modelAcceptsPain(model: PainModel, metric: "during" | "after", value: number): boolean | null {
  const limit = metric === "during" ? model.duringMax : model.afterMax;
  if (limit === null) return metric === "during" ? value < model.redFlagPain : null;
  return model.inclusive ? value <= limit : value < limit;
}

/**
 * A pain criterion on `during` or `after` conflicts with the pain model when, for some whole pain score 0–10:
 * - a **gate** passes on a score the model does not accept (the patient would advance on pain the model calls too
 *   much), or
 * - a **regress rule** triggers on a score the model accepts (the model says carry on, the rule says back off).
 * A gate asking for *less* pain than the model allows (e.g. pain-free before adding load, as Alfredson does) and a
 * regress rule that acts only on pain the model rejects (e.g. "stop if disabling") are consistent and not flagged.
 */
function checkPainAgainstModel(c: Criterion, where: string, role: "gate" | "regress", model: PainModel, flags: Flag[]): void {
  if (c.kind !== "pain" || (c.metric !== "during" && c.metric !== "after")) return;
  const limit = resolvePainLimit(c, model, role);
  if (!limit) return;
  const offending: number[] = [];
  for (const v of NRS_POINTS) {
    const accepted = modelAcceptsPain(model, c.metric, v);
    if (accepted === null) return;
    if (compare(v, limit.comparator, limit.threshold) && accepted === (role === "regress")) offending.push(v);
  }
  if (offending.length === 0) return;
  const rule = `${c.metric} pain ${COMPARATOR_SYMBOL[limit.comparator]} ${fmt(limit.threshold)}/10`;
  const levels = offending.length === 1 ? `${offending[0]}/10` : `${offending[0]}–${offending[offending.length - 1]}/10`;
  flags.push({
    code: "conflicting_rules",
    severity: "warning",
    message:
      role === "gate"
        ? `${capitalise(where)} (${rule}) passes on ${levels}, which the pain model (${model.name}) does not allow (${modelAllowance(model, c.metric)}).`
        : `${capitalise(where)} (${rule}) triggers on ${levels}, which the pain model (${model.name}) accepts (${modelAllowance(model, c.metric)}): the model says carry on, the rule says back off.`,
  });
}

function modelAllowance(model: PainModel, metric: "during" | "after"): string {
  const limit = metric === "during" ? model.duringMax : model.afterMax;
  if (limit === null) return `pain allowed below the red-flag level ${fmt(model.redFlagPain)}/10`;
  return `${metric} pain ${model.inclusive ? "≤" : "<"} ${fmt(limit)}/10`;
}
