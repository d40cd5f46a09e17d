/**
 * The arithmetic of a dose step: one step up or down by a progression rule, and a regress rule's load reduction.
 * Each function returns the whole new dose (or null when the rule changes nothing) and leaves the input untouched.
 *
 * Kilograms: a kg step adds exactly its kg; a percent step and a regress reduction round to the nearest 0.5 kg (the
 * smallest plate most patients have), and a percent step moves at least 0.5 kg so that a light load still progresses.
 * The patient's load text keeps their wording with the kg figure replaced ("backpack 10 kg" → "backpack 12.5 kg";
 * "body weight" at 0 kg + 2.5 kg → "body weight + 2.5 kg"). A load in words only ("15RM") steps once its kg is set.
 */
import { fmt, nearlyEqual, tidy } from "./compare";
import type { ProgressionStep } from "./schema";
import type { ExerciseDose, RunDose } from "./types";

type LoadKindStep = Exclude<ProgressionStep, { kind: "run_progression" }>;
type RunStep = Extract<ProgressionStep, { kind: "run_progression" }>;

/** A new dose, and whether the rule's cap cut the step short. */
export interface Stepped<T> {
  to: T;
  capped: boolean;
}

const roundToHalf = (kg: number): number => Math.round(kg * 2) / 2;

/** The kg one step up, or null at the cap (no change at all there). */
export function kgUp(step: LoadKindStep, kg: number): { kg: number; capped: boolean } | null {
  const cap = step.maxKg;
  if (cap !== undefined && (kg > cap || nearlyEqual(kg, cap))) return null;
  let next: number;
  if (step.stepKg !== undefined) next = tidy(kg + step.stepKg);
  else {
    if (kg <= 0) return null; // a percentage of nothing is nothing
    next = Math.max(roundToHalf(kg * (1 + step.stepPercent! / 100)), kg + 0.5);
  }
  if (cap !== undefined && next > cap) return { kg: cap, capped: true };
  return { kg: next, capped: false };
}

/** The kg one step down (never below 0), or null when there is nothing to take off. */
export function kgDown(step: LoadKindStep, kg: number): number | null {
  if (kg <= 0) return null;
  const next =
    step.stepKg !== undefined
      ? Math.max(0, tidy(kg - step.stepKg))
      : Math.max(0, Math.min(roundToHalf(kg * (1 - step.stepPercent! / 100)), kg - 0.5));
  return next < kg ? next : null;
}

/** A regress rule's reduction by `percent`, to the nearest 0.5 kg; null when the rounding leaves it as it was. */
export function kgReduced(kg: number, percent: number): number | null {
  const next = roundToHalf(kg * (1 - percent / 100));
  return next < kg ? next : null;
}

const KG_FIGURE = /(\d+(?:[.,]\d+)?)(\s*)kg\b/i;
const ADDED_KG = /\s*\+\s*\d+(?:[.,]\d+)?\s*kg\b/i;

/** The patient's load wording with the new kg figure: the figure replaced where the text has one, else added to the
 * words as the app's dose form writes a tailored load ("body weight + 2.5 kg"); at 0 kg an added figure goes. */
export function loadText(text: string | undefined, kg: number): string {
  if (!text) return `${fmt(kg)} kg`;
  if (kg === 0 && ADDED_KG.test(text)) return text.replace(ADDED_KG, "").trim();
  if (KG_FIGURE.test(text)) return text.replace(KG_FIGURE, (_m, _n, space: string) => `${fmt(kg)}${space}kg`);
  return kg === 0 ? text : `${text} + ${fmt(kg)} kg`;
}

/** The exercise with its load at `kg` (wording kept). */
export function withKg(dose: ExerciseDose, kg: number): ExerciseDose {
  return { ...dose, load: { ...dose.load, text: loadText(dose.load?.text, kg), kg } };
}

/** The kg a load step starts from: no load at all is 0 kg more; a load described only in words ("15RM", "moderate
 * weight") has no figure to step from until the clinician states its kg, so it does not step (undefined). */
const kgOf = (dose: ExerciseDose): number | undefined => (dose.load ? dose.load.kg : 0);

/** One step up of an exercise by a load rule; null when nothing changes (at the cap, or a percentage of no load). */
export function exerciseUp(dose: ExerciseDose, step: LoadKindStep): Stepped<ExerciseDose> | null {
  if (step.kind === "double_progression") {
    const reps = dose.reps ?? step.repsFrom;
    if (reps < step.repsTo) {
      const next = Math.min(reps + (step.repsStep ?? 1), step.repsTo);
      return { to: withReps(dose, next), capped: false };
    }
  }
  const kg = kgOf(dose);
  const up = kg === undefined ? null : kgUp(step, kg);
  if (!up) return null;
  const to = withKg(dose, up.kg);
  return { to: step.kind === "double_progression" ? withReps(to, step.repsFrom) : to, capped: up.capped };
}

/** One step down of an exercise by a load rule (double progression: reps first, then load); null when nothing
 * changes. */
export function exerciseDown(dose: ExerciseDose, step: LoadKindStep): ExerciseDose | null {
  if (step.kind === "double_progression") {
    const reps = dose.reps ?? step.repsFrom;
    if (reps > step.repsFrom) return withReps(dose, Math.max(reps - (step.repsStep ?? 1), step.repsFrom));
  }
  const from = kgOf(dose);
  const kg = from === undefined ? null : kgDown(step, from);
  return kg === null ? null : withKg(dose, kg);
}

/** The exercise at `reps` per set; a rep range's top below the new count is dropped (it no longer describes it). */
function withReps(dose: ExerciseDose, reps: number): ExerciseDose {
  const to: ExerciseDose = { ...dose, reps };
  if (to.repsMax !== undefined && to.repsMax < reps) delete to.repsMax;
  return to;
}

type Block = RunDose["blocks"][number];

/** One step up of the run: every block runs longer, walks less and/or repeats more, within the caps. */
export function runUp(run: RunDose, step: RunStep): Stepped<RunDose> | null {
  let capped = false;
  const bounded = (value: number, by: number | undefined, cap: number | undefined, dir: 1 | -1): number => {
    if (by === undefined) return value;
    const next = value + dir * by;
    if (cap === undefined || (dir === 1 ? next <= cap : next >= cap)) return next;
    capped = true;
    return dir === 1 ? Math.max(value, cap) : Math.min(value, cap);
  };
  const blocks = run.blocks.map((b): Block => ({
    ...b,
    runSeconds: bounded(b.runSeconds, step.runSecondsStep, step.maxRunSeconds, 1),
    walkSeconds: b.walkSeconds === 0 ? 0 : bounded(b.walkSeconds, step.walkSecondsStep, step.minWalkSeconds ?? 0, -1),
    repeats: bounded(b.repeats, step.repeatsStep, step.maxRepeats, 1),
  }));
  return sameBlocks(run.blocks, blocks) ? null : { to: { ...run, blocks }, capped };
}

/** One step down of the run: shorter runs (never below one step), longer walks, fewer repeats (at least one). */
export function runDown(run: RunDose, step: RunStep): RunDose | null {
  const blocks = run.blocks.map((b): Block => ({
    ...b,
    runSeconds:
      step.runSecondsStep === undefined
        ? b.runSeconds
        : Math.max(b.runSeconds - step.runSecondsStep, Math.min(b.runSeconds, step.runSecondsStep)),
    walkSeconds: step.walkSecondsStep === undefined ? b.walkSeconds : b.walkSeconds + step.walkSecondsStep,
    repeats: step.repeatsStep === undefined ? b.repeats : Math.max(1, b.repeats - step.repeatsStep),
  }));
  return sameBlocks(run.blocks, blocks) ? null : { ...run, blocks };
}

/** A regress rule's reduction of the run: each block's running time cut by `percent` (whole seconds). */
export function runReduced(run: RunDose, percent: number): RunDose | null {
  const blocks = run.blocks.map((b) => ({
    ...b,
    runSeconds: Math.max(1, Math.round(b.runSeconds * (1 - percent / 100))),
  }));
  return sameBlocks(run.blocks, blocks) ? null : { ...run, blocks };
}

const sameBlocks = (a: readonly Block[], b: readonly Block[]): boolean =>
  a.every(
    (x, i) => x.runSeconds === b[i]!.runSeconds && x.walkSeconds === b[i]!.walkSeconds && x.repeats === b[i]!.repeats,
  );
