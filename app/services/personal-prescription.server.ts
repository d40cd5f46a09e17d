import type { Prescription, Stage } from "~/engine/index.ts";
import type { PersonalDoseVersion } from "~/models/personal-dose.server.ts";

// Pure: shared by the dose service and by the evaluation, which gives the engine the patient's own dose (ADR 056).

type Exercise = Prescription["exercises"][number];

/**
 * The stage's prescription with the patient's dose applied (pure): tailored exercises replace the program's (matched
 * by exercise id, so a program version that keeps the id keeps the patient's dose), dropped ones are left out, added
 * ones come last. An entry naming an exercise the stage no longer has is ignored.
 */
export function personalPrescription(stage: Stage, dose: PersonalDoseVersion | undefined): Prescription {
  const prescription = stage.prescription;
  if (!dose) return prescription;
  const entries = new Map(dose.exercises.map((e) => [e.exerciseId, e]));
  const fromProgram = prescription.exercises.flatMap((e): Exercise[] => {
    const entry = entries.get(e.id);
    if (!entry || entry.origin !== "program") return [e];
    if (entry.dropped || !entry.dose) return [];
    // The program's progression rule stays with the exercise: the patient's dose is what it progresses.
    return [{ ...entry.dose, id: e.id, name: e.name, ...(e.progression ? { progression: e.progression } : {}) }];
  });
  const added = dose.exercises.flatMap((e) => (e.origin === "added" && !e.dropped && e.dose ? [e.dose] : []));
  const programRun = prescription.run;
  const run =
    programRun && dose.run
      ? {
          ...dose.run,
          source: programRun.source,
          ...(programRun.progression ? { progression: programRun.progression } : {}),
        }
      : programRun;
  return { ...prescription, exercises: [...fromProgram, ...added], ...(run ? { run } : {}) };
}
