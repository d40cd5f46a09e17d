/**
 * Per-program data computed once and reused by every evaluation of the same program object: programs are data that
 * do not change while a caseload is evaluated (the built-ins are frozen; an edit creates a new version, i.e. a new
 * object). Keyed by object identity in WeakMaps, so nothing is kept alive and evaluate() stays pure: a cached value
 * is exactly what would be computed again. Treat a Program passed to evaluate() as immutable.
 *
 * A stage compiles to its regress rules (with each rule's target stage worked out), its gates (the implicit time
 * gates first), each criterion with its fixed texts (label, requirement words, window words), and the
 * `conflicting_rules` flags of its criteria against the pain model.
 */
import { compileCriterion, CompiledTime, type CompiledCriterion } from "./criteria";
import { DEFAULTS } from "./defaults";
import { findConflicts } from "./flags";
import type { Program, RegressAction, RegressRule, Stage, TimeCriterion } from "./schema";
import type { Flag } from "./types";

/** Two-level identity cache: (outer, inner) → value, e.g. (program, stage) → its compiled form. */
export class PairCache<O extends object, I extends object, V> {
  private readonly store = new WeakMap<O, WeakMap<I, V>>();

  get(outer: O, inner: I): V | undefined {
    return this.store.get(outer)?.get(inner);
  }

  set(outer: O, inner: I, value: V): V {
    let m = this.store.get(outer);
    if (!m) this.store.set(outer, (m = new WeakMap()));
    m.set(inner, value);
    return value;
  }
}

export interface CompiledRule {
  rule: RegressRule;
  /** 'any' (default): one met criterion triggers the rule; otherwise all must be met. */
  any: boolean;
  /** Index of the stage the rule moves the patient to. */
  target: number;
  criteria: CompiledCriterion[];
}

export interface CompiledStage {
  stage: Stage;
  stageIndex: number;
  rules: CompiledRule[];
  /**
   * Every criterion in check order: the regress rules' criteria, then the gates (minimum days in the stage when set,
   * then the authored ones). `allAfterRegress` adds the stay after a regress after the minimum days, for when a
   * regress started the stay (the same array as `all` when the program sets no stay).
   */
  all: CompiledCriterion[];
  allAfterRegress: CompiledCriterion[];
  /** How many checks the regress rules make (the gate checks follow them). */
  regressCount: number;
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
      return current;
  }
}

const COMPILED = new PairCache<Program, Stage, CompiledStage>();

/** The last stage looked up: consecutive evaluations of a caseload mostly share a program and stage. */
let last: CompiledStage | null = null;
let lastProgram: Program | null = null;

export function compiledStage(program: Program, stage: Stage, stageIndex: number): CompiledStage {
  if (last && lastProgram === program && last.stage === stage) return last;
  last = COMPILED.get(program, stage) ?? COMPILED.set(program, stage, compileStage(program, stage, stageIndex));
  lastProgram = program;
  return last;
}

function compileStage(program: Program, stage: Stage, stageIndex: number): CompiledStage {
  const stageIds = program.stages.map((s) => s.id);
  const rules = stage.regressRules.map((rule) => ({
    rule,
    any: (rule.when ?? "any") === "any",
    target: regressTargetIndex(rule.action, stageIndex, stageIds),
    criteria: rule.criteria.map((c) => compileCriterion(c, program, stage, "regress", rule.id)),
  }));
  let minDays: CompiledCriterion | null = null;
  if (stage.minDays > 0) {
    const c: TimeCriterion = {
      id: "min_days",
      kind: "time",
      from: "stage_entry",
      days: stage.minDays,
      label: `Minimum days in stage ≥ ${stage.minDays}`,
    };
    minDays = new CompiledTime(c, "gate");
  }
  const stay = program.minDaysAfterRegress ?? DEFAULTS.minDaysAfterRegress;
  let afterRegress: CompiledCriterion | null = null;
  if (stay > 0) {
    const c: TimeCriterion = {
      id: "after_regress",
      kind: "time",
      from: "last_regress",
      days: stay,
      label: `Stay after regress ≥ ${stay} days`,
    };
    afterRegress = new CompiledTime(c, "gate", undefined, stay);
  }
  const authored = stage.gates.map((c) => compileCriterion(c, program, stage, "gate"));
  const gates = minDays ? [minDays, ...authored] : authored;
  const gatesAfterRegress = afterRegress ? [...(minDays ? [minDays] : []), afterRegress, ...authored] : gates;
  const regress = rules.flatMap((r) => r.criteria);
  const all = [...regress, ...gates];
  return {
    stage,
    stageIndex,
    rules,
    all,
    allAfterRegress: afterRegress ? [...regress, ...gatesAfterRegress] : all,
    regressCount: regress.length,
    conflicts: findConflicts(program.painModel, stage),
  };
}
