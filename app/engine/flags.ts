/**
 * Flags for the clinician: things a human should look at whatever the outcome. Flags never change the outcome
 * themselves; the red-flag hold gate (criteria/red-flag-hold.ts) reads the same findings as the high-severity flags.
 */
import { COMPARATOR_SYMBOL, compare, fmt } from "./compare";
import { dayAndMonth } from "./dates";
import { DEFAULTS } from "./defaults";
import { firstLogFrom, type EvalContext } from "./context";
import { SWELLING_RANK } from "./criteria/swelling-order";
import { capitalise } from "./criteria/common";
import { resolvePainLimit } from "./criteria/pain";
import { painMetricLabel } from "./criteria/pain-words";
import type { Criterion, PainMetric, PainModel, Program, Stage, SwellingGrade } from "./schema";
import type { Flag } from "./types";

/** The worst pain at or above the program's red-flag level logged from day `from` to today (the latest among
 * equals), or null. Stiffness is not pain, so not counted. */
export interface RedFlagPain {
  value: number;
  day: number;
  /** e.g. "pain during", "hop test pain". */
  what: string;
}

export function worstRedFlagPain(ctx: EvalContext, from: number): RedFlagPain | null {
  const level = ctx.program.painModel.redFlagPain;
  const { days, logs } = ctx;
  // Find the worst (latest among equals) value first; build words only for it.
  let worstValue = -Infinity;
  let worstDay = 0;
  let worstMetric: PainMetric | null = null;
  let worstTest: string | undefined;
  for (let i = firstLogFrom(ctx, from); i < ctx.logs.length; i++) {
    const log = logs[i]!;
    const day = days[i]!;
    // Fields in the order during, after, next morning, at rest, then the named tests: a later one wins a tie.
    let v = log.painDuring;
    if (v != null && v >= level && v >= worstValue) {
      worstValue = v;
      worstDay = day;
      worstMetric = "during";
    }
    v = log.painAfter;
    if (v != null && v >= level && v >= worstValue) {
      worstValue = v;
      worstDay = day;
      worstMetric = "after";
    }
    v = log.morningPain;
    if (v != null && v >= level && v >= worstValue) {
      worstValue = v;
      worstDay = day;
      worstMetric = "next_morning";
    }
    v = log.painAtRest;
    if (v != null && v >= level && v >= worstValue) {
      worstValue = v;
      worstDay = day;
      worstMetric = "at_rest";
    }
    if (log.testPain) {
      for (const test in log.testPain) {
        const t = log.testPain[test]!;
        if (t >= level && t >= worstValue) {
          worstValue = t;
          worstDay = day;
          worstMetric = "test";
          worstTest = test;
        }
      }
    }
  }
  if (worstMetric === null) return null;
  const what = worstMetric === "test" ? painMetricLabel("test", worstTest) : painMetricLabel(worstMetric).toLowerCase();
  return { value: worstValue, day: worstDay, what };
}

/** The worst effusion grade at or above `minGrade` logged from day `from` to today (the latest among equals). */
export interface Effusion {
  grade: SwellingGrade;
  day: number;
}

export function worstEffusion(ctx: EvalContext, from: number, minGrade: SwellingGrade): Effusion | null {
  const { days, logs } = ctx;
  let worstRank = -1;
  let worst: Effusion | null = null;
  for (let i = firstLogFrom(ctx, from); i < ctx.logs.length; i++) {
    const g = logs[i]!.swelling;
    if (g && SWELLING_RANK[g] >= SWELLING_RANK[minGrade] && SWELLING_RANK[g] >= worstRank) {
      worstRank = SWELLING_RANK[g];
      worst = { grade: g, day: days[i]! };
    }
  }
  return worst;
}

/** The grade from which an effusion is a high-severity flag (hold and treat). */
export const HIGH_EFFUSION: SwellingGrade = "2+";

/** How long, by the program, a high-severity flag holds an advance (days, today included; 0 = never). */
export const redFlagHoldDaysOf = (program: Program): number => program.redFlagHoldDays ?? DEFAULTS.redFlagHoldDays;

/** Any pain at or above the program's red-flag level in the last days. */
export function redFlagPain(ctx: EvalContext): Flag | null {
  const found = worstRedFlagPain(ctx, ctx.today - DEFAULTS.flagLookbackDays + 1);
  if (!found) return null;
  const { painModel } = ctx.program;
  return {
    code: "red_flag_pain",
    severity: "high",
    message: `${capitalise(found.what)} ${fmt(found.value)}/10 on ${dayAndMonth(found.day)}, at or above this program's red-flag level ${fmt(painModel.redFlagPain)}/10 (${painModel.name}): review the patient.${holdWords(ctx.program)}`,
  };
}

/** Effusion 1+ or more in the last days: 1+ is a warning (stay at this level), 2+ high (hold and treat). */
export function effusion(ctx: EvalContext): Flag | null {
  const found = worstEffusion(ctx, ctx.today - DEFAULTS.flagLookbackDays + 1, "1+");
  if (!found) return null;
  const high = SWELLING_RANK[found.grade] >= SWELLING_RANK[HIGH_EFFUSION];
  return {
    code: "effusion",
    severity: high ? "high" : "warning",
    message: `Effusion ${found.grade} logged on ${dayAndMonth(found.day)}${high ? `: hold and treat.${holdWords(ctx.program)}` : ": stay at this level."}`,
  };
}

/** What the program's red-flag hold does with a high flag, in a few words. */
function holdWords(program: Program): string {
  const days = redFlagHoldDaysOf(program);
  return days > 0
    ? ` This program holds advances for ${days} day${days === 1 ? "" : "s"} after a red flag.`
    : " This program does not hold advances after a red flag; a clinician confirms any flagged advance.";
}

/** Rules in the stage that contradict the program's pain model or each other. Depends on the program only, so it is
 * worked out once per program and stage (compiled.ts); each decision gets its own copies of the flags. */
export function findConflicts(model: PainModel, stage: Stage): Flag[] {
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
function checkPainAgainstModel(
  c: Criterion,
  where: string,
  role: "gate" | "regress",
  model: PainModel,
  flags: Flag[],
): void {
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
  const levels =
    offending.length === 1 ? `${offending[0]}/10` : `${offending[0]}–${offending[offending.length - 1]}/10`;
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
