import { INSTRUMENT_NAMES, KNOWN_INSTRUMENTS } from "./instruments";

export { INSTRUMENT_NAMES };

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
  ...Object.fromEntries(KNOWN_INSTRUMENTS.map((id) => [id, INSTRUMENT_NAMES[id]])),
};

export function measureName(id: string): string {
  return MEASURE_NAMES[id] ?? id.replace(/_/g, " ");
}

/** The name a questionnaire criterion's score goes by: the instrument's, or for a clinic's own, its measure id read aloud. */
export function questionnaireName(c: { instrument: keyof typeof INSTRUMENT_NAMES; measure?: string }): string {
  return c.instrument === "custom" ? (c.measure ?? c.instrument).replace(/_/g, " ") : INSTRUMENT_NAMES[c.instrument];
}
