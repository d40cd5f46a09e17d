/**
 * Per-program data computed once and reused by every evaluation of the same program object: programs are data that
 * do not change while a caseload is evaluated (the built-ins are frozen; an edit creates a new version, i.e. a new
 * object). Keyed by object identity in a WeakMap, so nothing is kept alive and evaluate() stays pure: a cached value
 * is exactly what would be computed again. Treat a Program passed to evaluate() as immutable.
 *
 * A stage compiles to its regress rules (with each rule's target stage worked out), its gates (the implicit time
 * gates first), each criterion with its fixed texts (label, requirement words, window words), and the
 * `conflicting_rules` flags of its criteria against the pain model.
 */
import { compileCriterion, CompiledTime, type CompiledCriterion } from "./criteria";
import { CompiledFreshData } from "./criteria/fresh-data";
import { CompiledRedFlagHold } from "./criteria/red-flag-hold";
import { CompiledTrialResponse } from "./criteria/trial-response";
import { DEFAULTS } from "./defaults";
import { findConflicts, redFlagHoldDaysOf } from "./flags";
import type { Program, RegressAction, RegressRule, TimeCriterion } from "./schema";
import type { Flag } from "./types";

export interface CompiledRule {
  rule: RegressRule;
  /** 'any' (default): one met criterion triggers the rule; otherwise all must be met. */
  any: boolean;
  /** Index of the stage the rule moves the patient to. */
  target: number;
  criteria: CompiledCriterion[];
}

export interface CompiledStage {
  rules: CompiledRule[];
  /** The gates in check order: the minimum days in the stage (when set), recent data, no recent red flag (unless
   * the program never holds for one), the response to the latest trial session (a stage with a trial), then the
   * authored ones. A stage with no gates of its own gets none: the engine
   * never moves it on by itself, so there is no step up to check. */
  gates: CompiledCriterion[];
  /** The gates when a regress started the stay: the stay after a regress follows the minimum days. */
  gatesAfterRegress: CompiledCriterion[];
  /** The checks every step up must pass, whatever raises the load (an advance; later a dose increase): recent data,
   * and no recent red flag unless the program never holds for one. Also among `gates`. */
  stepUp: CompiledCriterion[];
  /** `conflicting_rules` flags (each decision gets its own copies). */
  conflicts: Flag[];
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
    case "repeat":
      return current;
  }
}

/** Per program, its stages compiled so far (by stage index). */
const compiledPrograms = new WeakMap<Program, CompiledStage[]>();

export function compiledStage(program: Program, stageIndex: number): CompiledStage {
  let stages = compiledPrograms.get(program);
  if (!stages) compiledPrograms.set(program, (stages = []));
  return (stages[stageIndex] ??= compileStage(program, stageIndex));
}

function compileStage(program: Program, stageIndex: number): CompiledStage {
  const stage = program.stages[stageIndex]!;
  const stageIds = program.stages.map((s) => s.id);
  const rules = stage.regressRules.map((rule) => ({
    rule,
    any: (rule.when ?? "any") === "any",
    target: regressTargetIndex(rule.action, stageIndex, stageIds),
    criteria: rule.criteria.map((c) => compileCriterion(c, program, stage, "regress", rule.id)),
  }));
  const minDays: CompiledCriterion[] = [];
  if (stage.minDays > 0) {
    const c: TimeCriterion = {
      id: "min_days",
      kind: "time",
      from: "stage_entry",
      days: stage.minDays,
      label: `Minimum days in stage ≥ ${stage.minDays}`,
    };
    minDays.push(new CompiledTime(c, "gate"));
  }
  const afterRegress: CompiledCriterion[] = [];
  const stay = program.minDaysAfterRegress ?? DEFAULTS.minDaysAfterRegress;
  if (stay > 0) {
    const c: TimeCriterion = {
      id: "after_regress",
      kind: "time",
      from: "last_regress",
      days: stay,
      label: `Stay after regress ≥ ${stay} days`,
    };
    afterRegress.push(new CompiledTime(c, "gate", undefined, stay));
  }
  const freshData = new CompiledFreshData(
    program.freshDataDays ?? DEFAULTS.freshDataDays,
    program.freshDataDays === undefined,
  );
  const holdDays = redFlagHoldDaysOf(program);
  const redFlagHold = holdDays > 0 ? new CompiledRedFlagHold(holdDays, program.redFlagHoldDays === undefined) : null;
  const stepUp = redFlagHold ? [freshData, redFlagHold] : [freshData];
  // A stage whose sessions try a new load waits for the next morning's response to the latest one.
  const trial = stage.trial ? [new CompiledTrialResponse(stage.trial, program.painModel, stage)] : [];
  const authored = stage.gates.map((c) => compileCriterion(c, program, stage, "gate"));
  const gated = (before: CompiledCriterion[]) =>
    before.length + authored.length > 0 ? [...before, ...stepUp, ...trial, ...authored] : [];
  return {
    rules,
    gates: gated(minDays),
    gatesAfterRegress: gated([...minDays, ...afterRegress]),
    stepUp,
    conflicts: findConflicts(program.painModel, stage),
  };
}
