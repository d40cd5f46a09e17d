import type { Coding, Quantity } from "fhir/r4";

// Codes for the FHIR export. LOINC where a code means exactly what we record; otherwise Stagewise's own code system,
// so pain on waking, during and after exercise stay told apart by code, not only by text.

/** Stagewise's own CodeSystem for facts that have no LOINC code of their own (ours; documented in docs/exports.md). */
export const STAGEWISE_OBSERVATION_SYSTEM = "https://stagewise.app/fhir/CodeSystem/observation";
const UCUM = "http://unitsofmeasure.org";

/** LOINC's generic 0–10 pain score: every pain observation carries it beside its specific Stagewise code. */
export const LOINC_PAIN_SCORE: Coding = {
  system: "http://loinc.org",
  code: "72514-3",
  display: "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
};
export const LOINC_EXERCISE_DURATION: Coding = {
  system: "http://loinc.org",
  code: "55411-3",
  display: "Exercise duration",
};

const STAGEWISE_CODES = {
  "pain-on-waking": "Pain on waking (0-10)",
  "pain-during-exercise": "Pain during exercise (0-10)",
  "pain-after-exercise": "Pain after exercise (0-10)",
  "pain-at-rest": "Pain at rest (0-10)",
  "pain-on-test": "Pain on a named provocation or monitoring test (0-10)",
  "stiffness-on-waking": "Stiffness on waking (0-10)",
  "session-completion": "Whether the day's prescribed session was done",
  "session-effort": "Session effort, rating of perceived exertion (0-10)",
  "running-duration": "Minutes of running",
  "joint-swelling": "Joint swelling, stroke-test grade",
  "exercise-soreness": "Soreness after exercise (soreness rules)",
  "exercise-performed": "A prescribed exercise as the patient did it",
  "other-activity": "Another activity of the day",
  "capacity-measure": "A capacity test result",
} as const;
export type StagewiseCode = keyof typeof STAGEWISE_CODES;

export function stagewiseCoding(code: StagewiseCode): Coding {
  return { system: STAGEWISE_OBSERVATION_SYSTEM, code, display: STAGEWISE_CODES[code] };
}

/** A UCUM quantity; `annotation` units such as `{repetitions}` are UCUM's way of counting things. */
export function ucum(value: number, code: string, unit = code): Quantity {
  return { value, unit, system: UCUM, code };
}

/** The unit of a capacity measure, read from its id's suffix (measure ids name their unit: `_cm`, `_s`, `_nm` …). */
export function measureQuantity(measure: string, value: number): Quantity {
  if (measure.endsWith("_percent_bw")) return ucum(value, "%", "% of body weight");
  const suffix = measure.slice(measure.lastIndexOf("_") + 1);
  switch (suffix) {
    case "n":
      return ucum(value, "N");
    case "cm":
      return ucum(value, "cm");
    case "s":
      return ucum(value, "s");
    case "kg":
      return ucum(value, "kg");
    case "nm":
      return ucum(value, "N.m", "N·m");
    case "deg":
      return ucum(value, "deg", "°");
    case "pct":
    case "lsi":
      return ucum(value, "%");
    case "reps":
      return ucum(value, "{repetitions}", "repetitions");
    default:
      return ucum(value, "1");
  }
}
