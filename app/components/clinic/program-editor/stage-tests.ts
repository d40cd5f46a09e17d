import { useWatch } from "react-hook-form";
import { idFromName } from "~/schemas/program-form/id-from-name.ts";
import type { ProgramForm } from "./editor-form.ts";

/**
 * The tests a stage's log asks for, as choices: its monitoring tests by name (a new one's id comes from its name, as
 * the form's conversion makes it), then any other test the stage already names (read aloud), so nothing is typed.
 */
export function useStageTests(form: ProgramForm, stageIndex: number, current: string[]) {
  const tests = useWatch({ control: form.control, name: `stages.${stageIndex}.monitoringTests` }) ?? [];
  const options = tests
    .map((t, i) => ({ value: t.id || idFromName(t.name ?? "", `test-${i + 1}`), label: t.name || "(unnamed test)" }))
    .filter((o) => o.value);
  for (const value of current) {
    if (value && !options.some((o) => o.value === value)) options.push({ value, label: value.replace(/[_-]/g, " ") });
  }
  return options;
}

/** The stage's exercises as choices, by name (a new one's id comes from its name, as the conversion makes it). */
export function useStageExercises(form: ProgramForm, stageIndex: number, current: string) {
  const exercises = useWatch({ control: form.control, name: `stages.${stageIndex}.prescription.exercises` }) ?? [];
  const options = exercises
    .map((e, i) => ({
      value: e.id || idFromName(e.name ?? "", `exercise-${i + 1}`),
      label: e.name || "(unnamed exercise)",
    }))
    .filter((o) => o.value);
  if (current && !options.some((o) => o.value === current))
    options.push({ value: current, label: current.replace(/[_-]/g, " ") });
  return options;
}

/** The stage index in a field name ("stages.2.gates.0.test" → 2). */
export const stageIndexOf = (name: string) => Number(name.split(".")[1] ?? 0);
