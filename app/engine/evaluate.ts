/**
 * evaluate(input) → Decision. Synchronous, deterministic, no clock: "today" is part of the input.
 *
 * Order (clinical-reference §9): regress rules first (safety), then every gate; if a regress rule fired the outcome
 * is regress, else if every gate is met it is advance (complete on the last stage), else hold. Exactly one outcome.
 * Gates are evaluated even when a regress rule fires, so the clinician sees the whole picture.
 */
import { COMPARATOR_SYMBOL, fmt } from "./compare";
import { buildContext, type EvalContext } from "./context";
import { evaluateCriterion, type CheckCore } from "./criteria";
import { evaluateTime } from "./criteria/time";
import { DEFAULTS } from "./defaults";
import { conflictingRules, effusion, redFlagPain } from "./flags";
import { computeLoad } from "./load";
import type { Criterion, RegressAction, RegressRule, TimeCriterion } from "./schema";
import { summarise } from "./summary";
import type { Check, CheckRole, Decision, EvaluationInput, Flag, Outcome, RegressDetail } from "./types";
import { ENGINE_VERSION } from "./version";
import type { CriterionEnv } from "./windows";

function toCheck(c: Criterion | TimeCriterion, core: CheckCore, role: CheckRole, ruleId?: string): Check {
  // Every check gets the same keys in the same order (absent ones undefined, which JSON drops): one object shape
  // keeps property access fast in everything that reads checks afterwards.
  return {
    id: ruleId ? `${ruleId}.${c.id}` : c.id,
    criterionId: c.id,
    kind: c.kind,
    role,
    ruleId: ruleId || undefined,
    label: core.label,
    observed: core.observed,
    threshold: core.threshold,
    comparator: core.comparator || undefined,
    unit: core.unit || undefined,
    status: core.status,
    patientText: core.patientText,
    clinicianText: core.clinicianText,
    missing: core.missing || undefined,
    awaitingClinician: core.awaitingClinician ? true : undefined,
    source: c.source || undefined,
  };
}

/** The stage's own time gates: minimum days in the stage, and the stay after a regress (no flip-flopping). */
function implicitGates(ctx: EvalContext, env: CriterionEnv): Check[] {
  const checks: Check[] = [];
  if (ctx.stage.minDays > 0) {
    const c: TimeCriterion = {
      id: "min_days",
      kind: "time",
      from: "stage_entry",
      days: ctx.stage.minDays,
      label: `Minimum days in stage ≥ ${ctx.stage.minDays}`,
    };
    checks.push(toCheck(c, evaluateTime(c, env), "gate"));
  }
  // A regress either moved the patient here (stage entered that day or the next) or kept them here with less load
  // (stage entered earlier); both start the stay. A regress before the stage was entered belongs to an old stage.
  const stay = ctx.program.minDaysAfterRegress ?? DEFAULTS.minDaysAfterRegress;
  if (ctx.lastRegress !== null && ctx.lastRegress >= ctx.stageEntered - 1 && stay > 0) {
    const c: TimeCriterion = {
      id: "after_regress",
      kind: "time",
      from: "last_regress",
      days: stay,
      label: `Stay after regress ≥ ${stay} days`,
    };
    const core = evaluateTime(c, env);
    if (core.status === "not_met" && typeof core.observed === "number") {
      const left = stay - core.observed;
      core.patientText = `After easing off, we keep you at this step for ${stay} days before moving on (${left} day${left === 1 ? "" : "s"} to go).`;
    }
    checks.push(toCheck(c, core, "gate"));
  }
  return checks;
}

function regressTargetIndex(action: RegressAction, current: number, stageIds: string[]): number {
  switch (action.to) {
    case "previous":
      return Math.max(0, current - 1);
    case "back":
      return Math.max(0, current - action.steps);
    case "stage": {
      const i = stageIds.indexOf(action.stageId);
      // The schema refuses unknown or later stages; stay put if an unvalidated program slips through.
      return i < 0 || i > current ? current : i;
    }
    case "stay":
      return current;
  }
}

const unitSuffix = (unit?: string) => (!unit ? "" : unit.startsWith("/") || unit === "%" ? unit : ` ${unit}`);

const SEVERITY_ORDER = { high: 0, warning: 1, info: 2 } as const;

export function evaluate(input: EvaluationInput): Decision {
  const ctx = buildContext(input);
  const { program, stage, stageIndex } = ctx;
  const checks: Check[] = [];
  const boundaryChecks: Check[] = [];
  const flags: Flag[] = [];

  // 1. Regress rules (safety first).
  const regressEnv: CriterionEnv = { ctx, role: "regress" };
  const fired: { rule: RegressRule; target: number; order: number }[] = [];
  stage.regressRules.forEach((rule, order) => {
    const ruleChecks = rule.criteria.map((c) => {
      const core = evaluateCriterion(c, regressEnv);
      const check = toCheck(c, core, "regress", rule.id);
      if (core.boundary) boundaryChecks.push(check);
      return check;
    });
    checks.push(...ruleChecks);
    const triggered =
      (rule.when ?? "any") === "any" ? ruleChecks.some((k) => k.status === "met") : ruleChecks.every((k) => k.status === "met");
    if (triggered) fired.push({ rule, target: regressTargetIndex(rule.action, stageIndex, program.stages.map((s) => s.id)), order });
  });

  // 2. Gates: the stage's implicit time gates, then the authored ones.
  const gateEnv: CriterionEnv = { ctx, role: "gate" };
  const gateChecks = implicitGates(ctx, gateEnv);
  for (const c of stage.gates) {
    const core = evaluateCriterion(c, gateEnv);
    const check = toCheck(c, core, "gate");
    if (core.boundary) boundaryChecks.push(check);
    gateChecks.push(check);
  }
  checks.push(...gateChecks);
  const allGatesMet = gateChecks.length > 0 && gateChecks.every((k) => k.status === "met");

  // 3. Exactly one outcome.
  let outcome: Outcome;
  let toIndex = stageIndex;
  let regress: RegressDetail | undefined;
  if (fired.length > 0) {
    // Several rules: the one that goes furthest back wins (safest); ties go to the first rule in program order.
    const chosen = fired.reduce((best, f) => (f.target < best.target ? f : best));
    outcome = "regress";
    toIndex = chosen.target;
    const { rule } = chosen;
    regress = { ruleId: rule.id, label: rule.label, action: rule.action };
    if (rule.action.loadReductionPercent !== undefined) regress.loadReductionPercent = rule.action.loadReductionPercent;
    if (rule.restDays !== undefined) regress.restDays = rule.restDays;
    if (rule.patientAdvice) regress.patientAdvice = rule.patientAdvice;
    if (fired.length > 1) {
      flags.push({
        code: "multiple_regress_rules",
        severity: "info",
        message: `${fired.length} regress rules fired (${fired.map((f) => f.rule.id).join(", ")}); applied '${rule.id}', which goes furthest back.`,
      });
    }
    if (rule.action.to !== "stay" && toIndex === stageIndex) {
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
  } else if (allGatesMet) {
    outcome = stageIndex === program.stages.length - 1 ? "complete" : "advance";
    if (outcome === "advance") toIndex = stageIndex + 1;
  } else {
    outcome = "hold";
  }
  if (gateChecks.length === 0) {
    flags.push({
      code: "no_gates",
      severity: "info",
      message: `Stage '${stage.id}' has no gates and no minimum days: the engine never moves the patient on by itself; a clinician decides.`,
    });
  }

  // 4. Flags for the clinician.
  const red = redFlagPain(ctx);
  if (red) flags.push(red);
  const eff = effusion(ctx);
  if (eff) flags.push(eff);
  for (const k of boundaryChecks) {
    flags.push({
      code: "boundary",
      severity: "warning",
      checkId: k.id,
      message: `${k.label}: observed ${k.observed}${unitSuffix(k.unit)} sits exactly on the threshold; the rule (${k.comparator ? COMPARATOR_SYMBOL[k.comparator] : "="}) counts it as ${k.role === "regress" ? (k.status === "met" ? "triggering" : "not triggering") : k.status === "met" ? "met" : "not met"}. Confirm.`,
    });
  }
  flags.push(...conflictingRules(ctx, stage));
  if (ctx.futureIgnored > 0) {
    flags.push({
      code: "future_data_ignored",
      severity: "info",
      message: `${ctx.futureIgnored} entr${ctx.futureIgnored === 1 ? "y" : "ies"} dated after ${input.today} ignored.`,
    });
  }
  flags.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);

  const toStage = program.stages[toIndex]!;
  const summaries = summarise({ outcome, stage, toStage, gateChecks, checks, regress, flags });
  return {
    outcome,
    fromStageId: stage.id,
    toStageId: toStage.id,
    checks,
    flags,
    load: computeLoad(ctx),
    regress,
    patientSummary: summaries.patient,
    clinicianSummary: summaries.clinician,
    engineVersion: ENGINE_VERSION,
    programId: program.id,
    programVersion: program.version,
    evaluatedFor: input.today,
  };
}
