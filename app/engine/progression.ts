/**
 * Dose changes within the stage (docs/engine.md "Progression rules"): for each exercise of the patient's prescription
 * with a progression rule (its own in the program, else the stage's for an exercise with a load) and for the run with
 * its rule, in that order:
 *
 * 1. a regress rule fired: no increase at all. A regress that keeps the patient in the stage (stay, repeat, or
 *    'previous' on the first stage) with `loadReductionPercent` becomes real decreases (every exercise with a kg load,
 *    and the run's running time); a regress that moves back a stage changes no dose (the stage starts from its own).
 * 2. an advance or completion: no change (the next stage starts from its own dose).
 * 3. otherwise per rule: any stepBack criterion met → one step down; else every `when` criterion met, and the checks
 *    every step up passes (recent data, no recent red flag), and no high-severity flag → one step up, within the cap.
 *
 * Rules are compiled once per stage and exercise (the dose_done default differs per exercise); every change carries
 * the checks that made it, written as a gate's are.
 */
import { fmt } from "./compare";
import type { CompiledRule, CompiledStage } from "./compiled";
import type { EvalContext } from "./context";
import { compileCriterion, type CompiledCriterion } from "./criteria";
import { capitalise } from "./criteria/common";
import { doseWords } from "./criteria/dose-done";
import { exerciseDown, exerciseUp, kgReduced, runDown, runReduced, runUp, withKg } from "./dose-steps";
import type { ProgressionRule } from "./schema";
import type { Check, DoseChange, ExerciseDose, Flag, Outcome, RunDose } from "./types";

interface CompiledProgression {
  rule: ProgressionRule;
  label: string;
  when: CompiledCriterion[];
  stepBack: CompiledCriterion[];
}

/** Per compiled stage, its progression rules compiled so far, by `<ruleId> <exerciseId or "run">`. */
const compiledRules = new WeakMap<CompiledStage, Map<string, CompiledProgression>>();

function compiledProgression(ctx: EvalContext, stage: CompiledStage, rule: ProgressionRule, exerciseId: string | null) {
  let rules = compiledRules.get(stage);
  if (!rules) compiledRules.set(stage, (rules = new Map()));
  const key = `${rule.id} ${exerciseId ?? "run"}`;
  let compiled = rules.get(key);
  if (!compiled) {
    const compile = (role: "gate" | "regress") => (c: ProgressionRule["when"][number]) =>
      compileCriterion(c, ctx.program, ctx.stage, role, rule.id, exerciseId ?? undefined);
    compiled = {
      rule,
      label: rule.label ?? ruleLabel(rule),
      when: rule.when.map(compile("gate")),
      stepBack: (rule.stepBack?.when ?? []).map(compile("regress")),
    };
    rules.set(key, compiled);
  }
  return compiled;
}

/** "Add 2.5 kg", "Add 10 %", "Reps 8–12, then add 2.5 kg", "Run progression". */
function ruleLabel({ step }: ProgressionRule): string {
  if (step.kind === "run_progression") return "Run progression";
  const add = step.stepKg !== undefined ? `add ${fmt(step.stepKg)} kg` : `add ${fmt(step.stepPercent!)} %`;
  return step.kind === "double_progression" ? `Reps ${step.repsFrom}–${step.repsTo}, then ${add}` : capitalise(add);
}

export interface DoseInput {
  ctx: EvalContext;
  compiled: CompiledStage;
  outcome: Outcome;
  /** The regress rule applied, if one fired. */
  regress: CompiledRule | null;
  /** The regress checks, as the decision lists them. */
  regressChecks: Check[];
  flags: Flag[];
}

export function doseChanges(d: DoseInput): DoseChange[] {
  const { ctx, outcome } = d;
  if (d.regress) return regressChanges(d, d.regress);
  if (outcome === "advance" || outcome === "complete") return [];
  const { stage, prescription } = ctx;
  const highFlag = d.flags.some((f) => f.severity === "high");
  let stepUpChecks: Check[] | null = null; // the same for every rule: evaluated once, when first needed
  const changes: DoseChange[] = [];

  for (const dose of prescription.exercises) {
    const own = stage.prescription.exercises.find((e) => e.id === dose.id)?.progression;
    const rule = own ?? (dose.load ? stage.progression : undefined);
    if (!rule || rule.step.kind === "run_progression") continue;
    const step = rule.step;
    const p = compiledProgression(ctx, d.compiled, rule, dose.id);
    const back = evaluated(p.stepBack, ctx);
    const from = exerciseDose(dose);
    if (back.some(isMet)) {
      const to = exerciseDown(from, step);
      if (to) changes.push(exerciseChange(p, "step_back", from, to, false, back));
      continue;
    }
    const when = evaluated(p.when, ctx);
    stepUpChecks ??= evaluated(d.compiled.stepUp, ctx);
    const checks = [...stepUpChecks.map((k) => ({ ...k })), ...when];
    if (highFlag || !checks.every(isMet)) continue;
    const up = exerciseUp(from, step);
    if (up) changes.push(exerciseChange(p, "progression", from, up.to, up.capped, checks));
  }

  const run = prescription.run;
  const runRule = stage.prescription.run?.progression;
  if (run && runRule && runRule.step.kind === "run_progression") {
    const step = runRule.step;
    const p = compiledProgression(ctx, d.compiled, runRule, null);
    const back = evaluated(p.stepBack, ctx);
    const from = runDose(run);
    if (back.some(isMet)) {
      const to = runDown(from, step);
      if (to) changes.push(runChange(p.rule.id, p.label, "step_back", from, to, false, back, p.rule.patientText));
    } else {
      const when = evaluated(p.when, ctx);
      stepUpChecks ??= evaluated(d.compiled.stepUp, ctx);
      const checks = [...stepUpChecks.map((k) => ({ ...k })), ...when];
      const up = !highFlag && checks.every(isMet) ? runUp(from, step) : null;
      if (up)
        changes.push(runChange(p.rule.id, p.label, "progression", from, up.to, up.capped, checks, p.rule.patientText));
    }
  }
  return changes;
}

/** A regress that keeps the patient in the stage with `loadReductionPercent`: every kg load and the run, reduced. */
function regressChanges(d: DoseInput, chosen: CompiledRule): DoseChange[] {
  const { ctx } = d;
  const percent = chosen.rule.action.loadReductionPercent;
  if (!percent || chosen.target !== ctx.stageIndex) return [];
  const checks = d.regressChecks.filter((k) => k.ruleId === chosen.rule.id);
  const { id, label } = chosen.rule;
  const changes: DoseChange[] = [];
  for (const dose of ctx.prescription.exercises) {
    const kg = dose.load?.kg;
    const next = kg === undefined ? null : kgReduced(kg, percent);
    if (next === null) continue;
    const from = exerciseDose(dose);
    const to = withKg(from, next);
    changes.push({
      part: "exercise",
      exerciseId: dose.id,
      name: dose.name,
      direction: "decrease",
      ruleId: id,
      reason: "regress",
      capped: false,
      checks: checks.map((k) => ({ ...k })),
      from,
      to,
      patientText: `${capitalise(dose.name)}: ${to.load!.text} from today (${fmt(percent)} % less), so your symptoms can settle.`,
      clinicianText: `Regress rule "${label}" (${id}) reduces the load by ${fmt(percent)} %: ${dose.name} ${doseWords(from)} → ${doseWords(to)} (rounded to the nearest 0.5 kg).`,
    });
  }
  if (ctx.prescription.run) {
    const from = runDose(ctx.prescription.run);
    const to = runReduced(from, percent);
    if (to)
      changes.push({
        part: "run",
        exerciseId: null,
        name: "Run",
        direction: "decrease",
        ruleId: id,
        reason: "regress",
        capped: false,
        checks: checks.map((k) => ({ ...k })),
        from,
        to,
        patientText: `Your run: ${runWords(to)} from today (${fmt(percent)} % less running), so your symptoms can settle.`,
        clinicianText: `Regress rule "${label}" (${id}) reduces the running by ${fmt(percent)} %: ${runWords(from)} → ${runWords(to)}.`,
      });
  }
  return changes;
}

function exerciseChange(
  p: CompiledProgression,
  reason: "progression" | "step_back",
  from: ExerciseDose,
  to: ExerciseDose,
  capped: boolean,
  checks: Check[],
): DoseChange {
  const name = from.name;
  const fromKg = from.load?.kg ?? 0;
  const toKg = to.load?.kg ?? 0;
  let patient: string;
  if (toKg > fromKg) {
    patient = `Add ${fmt(toKg - fromKg)} kg to ${lowerFirst(name)}: ${to.load!.text} from today${
      to.reps !== from.reps && to.reps !== undefined ? `, ${to.reps} reps per set` : ""
    }.`;
  } else if (toKg < fromKg) {
    patient = `${capitalise(name)}: ${to.load!.text} from today (${fmt(fromKg - toKg)} kg less).`;
  } else {
    patient = `${capitalise(name)}: ${to.reps} reps per set from today (was ${from.reps ?? "?"}).`;
  }
  if (reason === "step_back") patient = `${patient.replace(/\.$/, "")}, so your symptoms can settle.`;
  if (capped) patient += " That is the most this stage asks for.";
  if (p.rule.patientText) patient += ` ${p.rule.patientText}`;
  return {
    part: "exercise",
    exerciseId: from.id,
    name,
    direction: reason === "step_back" ? "decrease" : "increase",
    ruleId: p.rule.id,
    reason,
    capped,
    checks,
    from,
    to,
    patientText: patient,
    clinicianText: clinicianText(
      p.label,
      p.rule.id,
      reason,
      `${name} ${doseWords(from)} → ${doseWords(to)}`,
      capped,
      checks,
    ),
  };
}

function runChange(
  ruleId: string,
  label: string,
  reason: "progression" | "step_back",
  from: RunDose,
  to: RunDose,
  capped: boolean,
  checks: Check[],
  rulePatientText: string | undefined,
): DoseChange {
  let patient = `Your run: ${runWords(to)} from today (was ${runWords(from)})`;
  patient += reason === "step_back" ? ", so your symptoms can settle." : ".";
  if (capped) patient += " That is the most this stage asks for.";
  if (rulePatientText) patient += ` ${rulePatientText}`;
  return {
    part: "run",
    exerciseId: null,
    name: "Run",
    direction: reason === "step_back" ? "decrease" : "increase",
    ruleId,
    reason,
    capped,
    checks,
    from,
    to,
    patientText: patient,
    clinicianText: clinicianText(label, ruleId, reason, `run ${runWords(from)} → ${runWords(to)}`, capped, checks),
  };
}

/** "Progression by "Add 2.5 kg" (heel-load): Heel drops 3 × 15 at 10 kg → 3 × 15 at 12.5 kg. Met: …" */
function clinicianText(
  label: string,
  ruleId: string,
  reason: "progression" | "step_back",
  change: string,
  capped: boolean,
  checks: Check[],
): string {
  const head =
    reason === "progression" ? `Progression by "${label}" (${ruleId})` : `Step back by "${label}" (${ruleId})`;
  const why =
    reason === "progression"
      ? `All ${checks.length} checks met: ${checks.map((k) => k.label).join("; ")}.`
      : `Triggered: ${checks
          .filter(isMet)
          .map((k) => `${k.label}: observed ${k.observed}`)
          .join("; ")}.`;
  return `${head}: ${change}${capped ? " (capped by the rule's maximum)" : ""}. ${why}`;
}

/** "run 1 min 30 s, walk 1 min, 8 times" per block, "; " between blocks. */
function runWords(run: RunDose): string {
  return run.blocks
    .map(
      (b) =>
        `run ${duration(b.runSeconds)}${b.walkSeconds > 0 ? `, walk ${duration(b.walkSeconds)}` : ""}, ${b.repeats} time${b.repeats === 1 ? "" : "s"}`,
    )
    .join("; ");
}

function duration(seconds: number): string {
  const min = Math.floor(seconds / 60);
  const s = Math.round(seconds - min * 60);
  if (min === 0) return `${s} s`;
  return s === 0 ? `${min} min` : `${min} min ${s} s`;
}

const isMet = (k: Check) => k.status === "met";

function evaluated(criteria: CompiledCriterion[], ctx: EvalContext): Check[] {
  return criteria.map((c) => c.evaluate(ctx).check);
}

/** The exercise as the patient gets it: without the program's provenance or rule. */
function exerciseDose(e: ExerciseDose & { source?: unknown; progression?: unknown }): ExerciseDose {
  const { source: _source, progression: _progression, ...dose } = e;
  return dose;
}

function runDose(r: RunDose & { source?: unknown; progression?: unknown }): RunDose {
  const { source: _source, progression: _progression, ...dose } = r;
  return dose;
}

/** "Heel drops" → "heel drops", but "ACL hop" stays (an acronym keeps its capitals). */
const lowerFirst = (text: string): string =>
  text.length > 1 && text[1] === text[1]!.toLowerCase() ? text[0]!.toLowerCase() + text.slice(1) : text;
