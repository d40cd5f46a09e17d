import type { PainModel, ProgressionRule, ProgressionStep } from "~/engine/index.ts";
import { describeCriterion } from "./criterion-summary.tsx";

const kg = (n: number) => `${n} kg`;
const secs = (n: number) => (n >= 60 && n % 60 === 0 ? `${n / 60} min` : `${n} s`);

/** A progression step in words: "add 2.5 kg (never above 40 kg)", "reps 8 → 12, then add 2.5 kg and back to 8". */
export function describeStep(step: ProgressionStep): string {
  const cap = "maxKg" in step && step.maxKg !== undefined ? ` (never above ${kg(step.maxKg)})` : "";
  const add = (s: { stepKg?: number; stepPercent?: number }) =>
    s.stepKg !== undefined
      ? `add ${kg(s.stepKg)}`
      : s.stepPercent !== undefined
        ? `add ${s.stepPercent} %`
        : "add load";
  switch (step.kind) {
    case "load_step":
      return `${add(step)}${cap}`;
    case "double_progression":
      return `reps ${step.repsFrom} → ${step.repsTo}${step.repsStep && step.repsStep !== 1 ? ` (+${step.repsStep} a step)` : ""}, then ${add(step)} and back to ${step.repsFrom} reps${cap}`;
    case "run_progression": {
      const parts = [
        step.runSecondsStep ? `run ${secs(step.runSecondsStep)} longer` : null,
        step.walkSecondsStep ? `walk ${secs(step.walkSecondsStep)} less` : null,
        step.repeatsStep ? `${step.repeatsStep} more repeat${step.repeatsStep === 1 ? "" : "s"}` : null,
      ].filter(Boolean);
      const caps = [
        step.maxRunSeconds ? `run at most ${secs(step.maxRunSeconds)}` : null,
        step.minWalkSeconds !== undefined ? `walk at least ${secs(step.minWalkSeconds)}` : null,
        step.maxRepeats ? `at most ${step.maxRepeats} repeats` : null,
      ].filter(Boolean);
      return `${parts.join(", ") || "run longer"}${caps.length ? ` (${caps.join(", ")})` : ""}`;
    }
  }
}

/** A criterion's line inside a sentence: "pain during …", but "VISA-A ≥ 80" keeps its capitals. */
const inSentence = (text: string) => (/^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text);

/** A rule in one line for the program page: its step, when it steps up, and when it steps back. */
export function describeProgression(rule: ProgressionRule, painModel: PainModel): string {
  const when = rule.when.map((c) => inSentence(describeCriterion(c, "gate", painModel))).join(" and ");
  const back = (rule.stepBack?.when ?? [])
    .map((c) => inSentence(describeCriterion(c, "regress", painModel)))
    .join(" or ");
  const step = describeStep(rule.step);
  return `${rule.label ? `${rule.label}: ` : ""}${step.charAt(0).toUpperCase()}${step.slice(1)} when ${when}${back ? `; one step back when ${back}` : ""}.`;
}
