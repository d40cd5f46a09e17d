/**
 * The questionnaires the engine knows (clinical-reference §7): their ids, the names clinicians use, their item
 * shapes and score ranges. The one list every form, page and export derives its own from. No zod and no runtime
 * imports here, so the browser's form schemas (zod/mini, docs/decisions/031) can import this file directly.
 */

/** Named instruments. A score is stored as a measurement under the instrument's id (e.g. `visa_a`). */
export const KNOWN_INSTRUMENTS = ["visa_a", "visa_p", "lefs", "psfs", "koos_adl", "global_rating"] as const;
export type KnownInstrument = (typeof KNOWN_INSTRUMENTS)[number];

/** What a questionnaire criterion may name: a known instrument, or `custom` (a clinic's own; its measure id names it). */
export const QUESTIONNAIRES = [...KNOWN_INSTRUMENTS, "custom"] as const;

/** Questionnaire names as clinicians say them. */
export const INSTRUMENT_NAMES: Record<(typeof QUESTIONNAIRES)[number], string> = {
  visa_a: "VISA-A",
  visa_p: "VISA-P",
  lefs: "LEFS",
  psfs: "PSFS",
  koos_adl: "KOOS-ADL",
  global_rating: "global rating of function",
  custom: "questionnaire",
};

/** VISA-A and VISA-P: items 1–7 scored 0–10, item 8 (the one answered branch) 0–30. */
export const VISA_ITEM_MAXIMA = [10, 10, 10, 10, 10, 10, 10, 30] as const;
/** LEFS: 20 items scored 0–4 (4 = no difficulty). */
export const LEFS_ITEMS = { count: 20, max: 4 } as const;
/** PSFS: 3–5 patient-named activities scored 0–10; the score is their mean. */
export const PSFS_ACTIVITIES = { min: 3, max: 5, itemMax: 10 } as const;

/** The instruments the engine scores from the item answers (questionnaires.ts): the ones a patient fills in. */
export const INSTRUMENTS_SCORED_FROM_ANSWERS = [
  "visa_a",
  "visa_p",
  "lefs",
  "psfs",
] as const satisfies readonly KnownInstrument[];
export type InstrumentScoredFromAnswers = (typeof INSTRUMENTS_SCORED_FROM_ANSWERS)[number];

const visaTotal = VISA_ITEM_MAXIMA.reduce((s, x) => s + x, 0);

/** The range of each instrument's score (a score outside it is a typing slip). */
export const INSTRUMENT_SCORE_RANGES: Record<KnownInstrument, { min: number; max: number }> = {
  visa_a: { min: 0, max: visaTotal },
  visa_p: { min: 0, max: visaTotal },
  lefs: { min: 0, max: LEFS_ITEMS.count * LEFS_ITEMS.max },
  psfs: { min: 0, max: PSFS_ACTIVITIES.itemMax },
  koos_adl: { min: 0, max: 100 },
  global_rating: { min: 0, max: 100 },
};

/** Whether a measurement id is a questionnaire score (a known instrument's id) rather than a capacity test. */
export function isInstrumentScore(measure: string): measure is KnownInstrument {
  return (KNOWN_INSTRUMENTS as readonly string[]).includes(measure);
}

/** Whether the engine scores this questionnaire from a patient's answers (so the patient has a form for it). */
export function isScoredFromAnswers(instrument: string): instrument is InstrumentScoredFromAnswers {
  return (INSTRUMENTS_SCORED_FROM_ANSWERS as readonly string[]).includes(instrument);
}
