/**
 * evaluate(input) → Decision. Synchronous, deterministic, no clock: "today" is part of the input.
 *
 * Order (clinical-reference §9): regress rules first (safety), then every gate; if a regress rule fired the outcome
 * is regress, else if every gate is met it is advance (complete on the last stage), else hold. Exactly one outcome.
 * Gates are evaluated even when a regress rule fires, so the clinician sees the whole picture. Every stage with gates
 * also has two implicit ones a step up must pass: recent data and no recent red flag (compiled.ts). An advance or
 * completion that still carries a high-severity flag says so in `requiresClinician`: it is never applied
 * automatically. Then the patient's dose within the stage: a regress's load reduction or the progression rules'
 * steps (progression.ts), never an increase with a regress or a high-severity flag.
 *
 * The program's stage is compiled once (compiled.ts) and the history indexed once per evaluation (context.ts); every
 * check is made whole, sentences included, when its criterion is evaluated.
 */
import { COMPARATOR_SYMBOL, fmt } from "./compare";
import { compiledStage, type CompiledRule } from "./compiled";
import { buildContext, type EvalContext } from "./context";
import type { CompiledCriterion } from "./criteria";
import { effusion, redFlagPain } from "./flags";
import { computeLoad } from "./load";
import { doseChanges as changesOfDose } from "./progression";
import type { Stage } from "./schema";
import { summarise, withDoseChanges } from "./summary";
import type { Check, Decision, EvaluationInput, Flag, Outcome, RegressDetail } from "./types";
import { ENGINE_VERSION } from "./version";

const SEVERITY_ORDER = { high: 0, warning: 1, info: 2 } as const;
const bySeverity = (a: Flag, b: Flag) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
const isMet = (check: Check) => check.status === "met";

export function evaluate(input: EvaluationInput): Decision {
  const ctx = buildContext(input);
  const { program, stage, stageIndex } = ctx;
  const compiled = compiledStage(program, stageIndex);
  const boundaryChecks: Check[] = [];

  // 1. Regress rules (safety first).
  const regressChecks: Check[] = [];
  const fired: CompiledRule[] = [];
  for (const rule of compiled.rules) {
    const checks = checksOf(rule.criteria, ctx, boundaryChecks);
    regressChecks.push(...checks);
    if (rule.any ? checks.some(isMet) : checks.every(isMet)) fired.push(rule);
  }

  // 2. Gates: the stage's implicit time gates, then the authored ones. A regress either moved the patient here
  // (stage entered that day or the next) or kept them here with less load (stage entered earlier); both start the
  // stay after a regress. A regress before the stage was entered belongs to an old stage.
  const afterRegress = ctx.lastRegress !== null && ctx.lastRegress >= ctx.stageEntered - 1;
  const gateChecks = checksOf(afterRegress ? compiled.gatesAfterRegress : compiled.gates, ctx, boundaryChecks);
  const allGatesMet = gateChecks.length > 0 && gateChecks.every(isMet);

  // 3. Exactly one outcome. Several rules fired: the one that goes furthest back wins (safest); ties go to the first
  // rule in program order.
  let chosen: CompiledRule | null = null;
  for (const rule of fired) if (!chosen || rule.target < chosen.target) chosen = rule;
  let outcome: Outcome;
  let toIndex = stageIndex;
  if (chosen) {
    outcome = "regress";
    toIndex = chosen.target;
  } else if (allGatesMet) {
    outcome = stageIndex === program.stages.length - 1 ? "complete" : "advance";
    if (outcome === "advance") toIndex = stageIndex + 1;
  } else {
    outcome = "hold";
  }
  const regress = chosen ? regressDetail(chosen) : undefined;

  // 4. Flags for the clinician.
  const flags = [
    ...(chosen ? regressFlags(chosen, fired, stageIndex, allGatesMet) : []),
    ...(gateChecks.length === 0 ? [noGatesFlag(stage)] : []),
    ...otherFlags(ctx, boundaryChecks, compiled.conflicts),
  ].sort(bySeverity);

  const requiresClinician = outcome === "advance" || outcome === "complete" ? clinicianReason(flags) : undefined;

  // 5. Dose changes within the stage: a regress's load reduction, else the progression rules (progression.ts).
  const doseChanges = changesOfDose({ ctx, compiled, outcome, regress: chosen, regressChecks, flags });

  const toStage = program.stages[toIndex]!;
  const summaries = withDoseChanges(
    summarise({ outcome, stage, toStage, regressChecks, gateChecks, regress, flags }),
    doseChanges,
  );
  // Keys in the order of the Decision interface (and of every decision stored so far).
  return {
    outcome,
    fromStageId: stage.id,
    toStageId: toStage.id,
    checks: [...regressChecks, ...gateChecks],
    flags,
    load: computeLoad(ctx),
    regress,
    requiresClinician,
    doseChanges,
    patientSummary: summaries.patient,
    clinicianSummary: summaries.clinician,
    engineVersion: ENGINE_VERSION,
    programId: program.id,
    programVersion: program.version,
    evaluatedFor: input.today,
  };
}

/** The criteria's checks, in order; those on an ambiguous threshold are also added to `boundaryChecks`. */
function checksOf(criteria: CompiledCriterion[], ctx: EvalContext, boundaryChecks: Check[]): Check[] {
  const checks: Check[] = [];
  for (const criterion of criteria) {
    const { check, onBoundary } = criterion.evaluate(ctx);
    checks.push(check);
    if (onBoundary) boundaryChecks.push(check);
  }
  return checks;
}

function regressDetail({ rule }: CompiledRule): RegressDetail {
  const detail: RegressDetail = { ruleId: rule.id, label: rule.label, action: rule.action };
  if (rule.action.loadReductionPercent !== undefined) detail.loadReductionPercent = rule.action.loadReductionPercent;
  if (rule.restDays !== undefined) detail.restDays = rule.restDays;
  if (rule.patientAdvice) detail.patientAdvice = rule.patientAdvice;
  return detail;
}

function regressFlags(chosen: CompiledRule, fired: CompiledRule[], stageIndex: number, allGatesMet: boolean): Flag[] {
  const { rule } = chosen;
  const flags: Flag[] = [];
  if (fired.length > 1) {
    flags.push({
      code: "multiple_regress_rules",
      severity: "info",
      message: `${fired.length} regress rules fired (${fired.map((f) => f.rule.id).join(", ")}); applied '${rule.id}', which goes furthest back.`,
    });
  }
  if (rule.action.to !== "stay" && rule.action.to !== "repeat" && chosen.target === stageIndex) {
    flags.push({
      code: "first_stage_regress",
      severity: "info",
      message: `Regress rule '${rule.id}' cannot move back from the first stage; the patient stays${rule.action.loadReductionPercent ? ` with load reduced by ${fmt(rule.action.loadReductionPercent)} %` : ""}.`,
    });
  }
  if (allGatesMet) {
    flags.push({
      code: "regress_despite_gates",
      severity: "warning",
      message: `Every gate is met, yet regress rule '${rule.id}' fired: the rules disagree; regress applied for safety.`,
    });
  }
  return flags;
}

/** Why a step up must wait for the clinician even where advances apply automatically: a high-severity flag. */
function clinicianReason(flags: Flag[]): string | undefined {
  const high = flags.filter((f) => f.severity === "high");
  if (high.length === 0) return undefined;
  return `A clinician must confirm this move: ${high.map((f) => f.message).join(" ")}`;
}

function noGatesFlag(stage: Stage): Flag {
  return {
    code: "no_gates",
    severity: "info",
    message: `Stage '${stage.id}' has no gates and no minimum days: the engine never moves the patient on by itself; a clinician decides.`,
  };
}

/** Flags about the history and the program, whatever the outcome. */
function otherFlags(ctx: EvalContext, boundaryChecks: Check[], conflicts: Flag[]): Flag[] {
  const flags: Flag[] = [];
  const red = redFlagPain(ctx);
  if (red) flags.push(red);
  const eff = effusion(ctx);
  if (eff) flags.push(eff);
  for (const check of boundaryChecks) flags.push(boundaryFlag(check));
  for (const conflict of conflicts) flags.push({ ...conflict }); // each decision its own copy
  if (ctx.futureIgnored > 0) {
    flags.push({
      code: "future_data_ignored",
      severity: "info",
      message: `${ctx.futureIgnored} entr${ctx.futureIgnored === 1 ? "y" : "ies"} dated after ${ctx.input.today} ignored.`,
    });
  }
  return flags;
}

const unitSuffix = (unit?: string) => (!unit ? "" : unit.startsWith("/") || unit === "%" ? unit : ` ${unit}`);

function boundaryFlag(k: Check): Flag {
  const counted =
    k.role === "regress"
      ? k.status === "met"
        ? "triggering"
        : "not triggering"
      : k.status === "met"
        ? "met"
        : "not met";
  return {
    code: "boundary",
    severity: "warning",
    checkId: k.id,
    message: `${k.label}: observed ${k.observed}${unitSuffix(k.unit)} sits exactly on the threshold; the rule (${k.comparator ? COMPARATOR_SYMBOL[k.comparator] : "="}) counts it as ${counted}. Confirm.`,
  };
}
