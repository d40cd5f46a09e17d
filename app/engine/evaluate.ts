/**
 * evaluate(input) → Decision. Synchronous, deterministic, no clock: "today" is part of the input.
 *
 * Order (clinical-reference §9): regress rules first (safety), then every gate; if a regress rule fired the outcome
 * is regress, else if every gate is met it is advance (complete on the last stage), else hold. Exactly one outcome.
 * Gates are evaluated even when a regress rule fires, so the clinician sees the whole picture.
 *
 * The program's stage is compiled once (compiled.ts), the history indexed once (context.ts); the checks' sentences
 * are written when the decision's checks are first read (decision.ts).
 */
import { COMPARATOR_SYMBOL, fmt } from "./compare";
import { compiledStage, type CompiledRule } from "./compiled";
import { buildContext, claimScratch, releaseScratch } from "./context";
import type { EvalOut } from "./criteria";
import { EngineDecision, type PendingSentences } from "./decision";
import { effusion, redFlagPain } from "./flags";
import { computeLoad } from "./load";
import { summarise } from "./summary";
import type { Check, Decision, EvaluationInput, Flag, Outcome, RegressDetail } from "./types";
import { ENGINE_VERSION } from "./version";

const unitSuffix = (unit?: string) => (!unit ? "" : unit.startsWith("/") || unit === "%" ? unit : ` ${unit}`);

const SEVERITY_ORDER = { high: 0, warning: 1, info: 2 } as const;
const bySeverity = (a: Flag, b: Flag) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];

export function evaluate(input: EvaluationInput): Decision {
  const own = claimScratch();
  try {
    return decide(input, own);
  } finally {
    if (own) releaseScratch();
  }
}

function decide(input: EvaluationInput, ownScratch: boolean): Decision {
  const ctx = buildContext(input, ownScratch);
  const { program, stage, stageIndex } = ctx;
  const compiled = compiledStage(program, stage, stageIndex);
  const checks: Check[] = [];
  const pending: PendingSentences = { criteria: [], params: [] };
  const out: EvalOut = { params: undefined, boundary: false };
  let boundaryChecks: Check[] | null = null;

  // 1. Regress rules (safety first).
  let chosen: CompiledRule | null = null;
  const fired: CompiledRule[] = [];
  for (const rule of compiled.rules) {
    let anyMet = false;
    let allMet = true;
    for (const cc of rule.criteria) {
      const check = cc.evaluate(ctx, out);
      checks.push(check);
      pending.criteria.push(cc);
      pending.params.push(out.params);
      if (out.boundary) (boundaryChecks ??= []).push(check);
      if (check.status === "met") anyMet = true;
      else allMet = false;
    }
    if (rule.any ? anyMet : allMet) {
      fired.push(rule);
      // Several rules: the one that goes furthest back wins (safest); ties go to the first rule in program order.
      if (!chosen || rule.target < chosen.target) chosen = rule;
    }
  }

  // 2. Gates: the stage's implicit time gates, then the authored ones. A regress either moved the patient here
  // (stage entered that day or the next) or kept them here with less load (stage entered earlier); both start the
  // stay after a regress. A regress before the stage was entered belongs to an old stage.
  const afterRegress = ctx.lastRegress !== null && ctx.lastRegress >= ctx.stageEntered - 1;
  const gates = afterRegress ? compiled.gatesAfterRegress : compiled.gates;
  const gateChecks: Check[] = [];
  let allGatesMet = gates.length > 0;
  for (const cc of gates) {
    const check = cc.evaluate(ctx, out);
    checks.push(check);
    gateChecks.push(check);
    pending.criteria.push(cc);
    pending.params.push(out.params);
    if (out.boundary) (boundaryChecks ??= []).push(check);
    if (check.status !== "met") allGatesMet = false;
  }

  // 3. Exactly one outcome.
  const flags: Flag[] = [];
  let outcome: Outcome;
  let toIndex = stageIndex;
  let regress: RegressDetail | undefined;
  if (chosen) {
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
  if (boundaryChecks) {
    for (const k of boundaryChecks as Check[]) {
      flags.push({
        code: "boundary",
        severity: "warning",
        checkId: k.id,
        message: `${k.label}: observed ${k.observed}${unitSuffix(k.unit)} sits exactly on the threshold; the rule (${k.comparator ? COMPARATOR_SYMBOL[k.comparator] : "="}) counts it as ${k.role === "regress" ? (k.status === "met" ? "triggering" : "not triggering") : k.status === "met" ? "met" : "not met"}. Confirm.`,
      });
    }
  }
  for (const f of compiled.conflicts) flags.push({ ...f });
  if (ctx.futureIgnored > 0) {
    flags.push({
      code: "future_data_ignored",
      severity: "info",
      message: `${ctx.futureIgnored} entr${ctx.futureIgnored === 1 ? "y" : "ies"} dated after ${input.today} ignored.`,
    });
  }
  if (flags.length > 1) flags.sort(bySeverity);

  const toStage = program.stages[toIndex]!;
  const summaries = summarise({ outcome, stage, toStage, gateChecks, checks, regress, flags, pending });
  return new EngineDecision(
    outcome,
    stage.id,
    toStage.id,
    checks,
    pending,
    flags,
    computeLoad(ctx),
    regress,
    summaries.patient,
    summaries.clinician,
    ENGINE_VERSION,
    program.id,
    program.version,
    input.today,
  );
}
