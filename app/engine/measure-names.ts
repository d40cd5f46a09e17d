import type { Questionnaire } from "./schema";

/** Questionnaire names as clinicians say them ("custom" is a clinic's own; its measure id names it). */
export const INSTRUMENT_NAMES: Record<Questionnaire, string> = {
  visa_a: "VISA-A",
  visa_p: "VISA-P",
  lefs: "LEFS",
  psfs: "PSFS",
  koos_adl: "KOOS-ADL",
  global_rating: "global rating of function",
  custom: "questionnaire",
};

/**
 * Display names of the measurement ids the engine knows (clinical-reference §2–§7). Unknown ids are shown with
 * underscores turned into spaces, so a clinic's own measures still read acceptably.
 */
export const MEASURE_NAMES: Record<string, string> = {
  single_leg_heel_raise_reps: "single-leg heel raises",
  quad_strength_nm: "quadriceps strength",
  hamstring_strength_nm: "hamstring strength",
  iso_strength_nm: "isometric strength",
  single_hop_cm: "single hop distance",
  triple_hop_cm: "triple hop distance",
  crossover_hop_cm: "crossover hop distance",
  timed_6m_hop_s: "6 m timed hop",
  single_leg_press_kg: "single-leg press",
  // A questionnaire score is recorded as a measurement under the instrument's id.
  ...Object.fromEntries(Object.entries(INSTRUMENT_NAMES).filter(([id]) => id !== "custom")),
};

export function measureName(id: string): string {
  return MEASURE_NAMES[id] ?? id.replace(/_/g, " ");
}
