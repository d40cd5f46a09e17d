// Questionnaire wording, shown to the patient, and the forms' addresses. Content, not UI and not engine: the patient's
// pages render it and the services score and link with it, so it lives here where both may import it. Client-safe data;
// scoring is the engine's (app/engine/questionnaires.ts).
//
// VISA-A: Robinson JM et al., Br J Sports Med 2001;35:335–341. VISA-P: Visentini PJ et al., J Sci Med Sport 1998;1:22–28.
// LEFS: Binkley JM et al., Phys Ther 1999;79:371–383. PSFS: Stratford P et al., Physiother Can 1995;47:258–263.
// The item questions follow the published English wording as closely as we could reproduce it. PARAPHRASED: the
// end-point labels of the 0–10 scales (the printed forms use a visual line with words at both ends, which we render as
// 11 buttons with those words as the hint), the introductions, and the branch instructions of item 8 (shortened).
// Which questionnaires exist and how many items and activities each has are the engine's (app/engine/instruments.ts).

import {
  INSTRUMENTS_SCORED_FROM_ANSWERS,
  PSFS_ACTIVITIES,
  type InstrumentScoredFromAnswers,
} from "~/engine/instruments.ts";

type ScaleItem = { kind: "scale"; question: string; low: string; high: string; note?: string };
type OptionsItem = { kind: "options"; question: string; options: Array<{ value: number; label: string }> };
export type Item = ScaleItem | OptionsItem;

const painScale = (question: string, note?: string): ScaleItem => ({
  kind: "scale",
  question,
  low: "strong severe pain",
  high: "no pain",
  note,
});

const SPORT_ITEM: OptionsItem = {
  kind: "options",
  question: "Are you currently undertaking sport or other physical activity?",
  options: [
    { value: 0, label: "Not at all" },
    { value: 4, label: "Modified training ± modified competition" },
    { value: 7, label: "Full training ± competition but not at the same level as when symptoms began" },
    { value: 10, label: "Competing at the same or higher level as when symptoms began" },
  ],
};

export type Item8 = {
  intro: string;
  branches: Array<{ value: "a" | "b" | "c"; label: string; scores: number[] }>;
  minutes: string[];
};

export const VISA_A: { title: string; intro: string; items: Item[]; item8: Item8 } = {
  title: "VISA-A (Achilles tendon)",
  intro: "In this questionnaire the term pain refers specifically to pain in the Achilles tendon region.",
  items: [
    {
      kind: "scale",
      question: "For how many minutes do you have stiffness in the Achilles region on first getting up?",
      low: "100 minutes or more",
      high: "0 minutes",
    },
    painScale(
      "Once you are warmed up for the day, do you have pain when stretching the Achilles tendon fully over the edge of a step (keeping the knee straight)?",
    ),
    painScale(
      "After walking on flat ground for 30 minutes, do you have pain within the next 2 hours?",
      "If you are unable to walk on flat ground for 30 minutes because of pain, choose 0.",
    ),
    painScale("Do you have pain walking downstairs with a normal gait cycle?"),
    painScale("Do you have pain during or immediately after doing 10 (single-leg) heel raises from a flat surface?"),
    { kind: "scale", question: "How many single-leg hops can you do without pain?", low: "0 hops", high: "10 hops" },
    SPORT_ITEM,
  ],
  item8: {
    intro:
      "Achilles-loading sport (training or competition): choose the ONE statement that fits you, then how long you can do it.",
    branches: [
      { value: "a", label: "I have no pain while doing Achilles-loading sports", scores: [0, 7, 14, 21, 30] },
      {
        value: "b",
        label: "I have pain while doing Achilles-loading sports, but it does not stop me completing the activity",
        scores: [0, 4, 10, 14, 20],
      },
      { value: "c", label: "I have pain that stops me completing Achilles-loading sports", scores: [0, 2, 5, 7, 10] },
    ],
    minutes: ["Nil", "1–10 minutes", "11–20 minutes", "21–30 minutes", "More than 30 minutes"],
  },
};

export const VISA_P: typeof VISA_A = {
  title: "VISA-P (patellar tendon)",
  intro: "In this questionnaire the term pain refers specifically to pain in the patellar tendon region.",
  items: [
    { kind: "scale", question: "For how many minutes can you sit pain free?", low: "0 minutes", high: "100 minutes" },
    painScale("Do you have pain walking downstairs with a normal gait cycle?"),
    painScale("Do you have pain at the knee with full active non-weight-bearing knee extension?"),
    painScale("Do you have pain when doing a full weight-bearing lunge?"),
    { kind: "scale", question: "Do you have problems squatting?", low: "unable", high: "no problems" },
    painScale(
      "Do you have pain during or immediately after doing 10 single-leg hops?",
      "If you are unable to hop, choose 0.",
    ),
    SPORT_ITEM,
  ],
  item8: {
    intro: "Sport (training or competition): choose the ONE statement that fits you, then how long you can do it.",
    branches: [
      { value: "a", label: "I have no pain while undertaking sport", scores: [0, 7, 14, 21, 30] },
      {
        value: "b",
        label: "I have pain while undertaking sport, but it does not stop me from completing the training/competition",
        scores: [0, 4, 10, 14, 20],
      },
      { value: "c", label: "I have pain that stops me from completing training/competition", scores: [0, 2, 5, 7, 10] },
    ],
    minutes: ["Nil", "0–5 minutes", "6–10 minutes", "11–15 minutes", "More than 15 minutes"],
  },
};

export const LEFS = {
  title: "Lower Extremity Functional Scale (LEFS)",
  intro:
    "We are interested in knowing whether you are having any difficulty at all with the activities listed below because of your lower limb problem. Please provide an answer for each activity. Today, do you or would you have any difficulty at all with:",
  options: [
    { value: 0, label: "Extreme difficulty or unable to perform activity" },
    { value: 1, label: "Quite a bit of difficulty" },
    { value: 2, label: "Moderate difficulty" },
    { value: 3, label: "A little bit of difficulty" },
    { value: 4, label: "No difficulty" },
  ],
  items: [
    "Any of your usual work, housework or school activities.",
    "Your usual hobbies, recreational or sporting activities.",
    "Getting into or out of the bath.",
    "Walking between rooms.",
    "Putting on your shoes or socks.",
    "Squatting.",
    "Lifting an object, like a bag of groceries, from the floor.",
    "Performing light activities around your home.",
    "Performing heavy activities around your home.",
    "Getting into or out of a car.",
    "Walking 2 blocks.",
    "Walking a mile.",
    "Going up or down 10 stairs (about 1 flight of stairs).",
    "Standing for 1 hour.",
    "Sitting for 1 hour.",
    "Running on even ground.",
    "Running on uneven ground.",
    "Making sharp turns while running fast.",
    "Hopping.",
    "Rolling over in bed.",
  ],
};

export const PSFS = {
  title: "Patient-Specific Functional Scale (PSFS)",
  intro:
    "Name three to five important activities that you are unable to do or are having difficulty with because of your problem. For each, score how well you can do it today: 0 = unable to perform the activity, 10 = able to perform it at the same level as before your injury or problem.",
  maxActivities: PSFS_ACTIVITIES.max,
  minActivities: PSFS_ACTIVITIES.min,
};

/** A questionnaire's name in the patient's addresses (/me/questionnaires/visa-a): the instrument id with a hyphen. */
type KindOf<I extends string> = I extends `${infer A}_${infer B}` ? `${A}-${B}` : I;
export type QuestionnaireKind = KindOf<InstrumentScoredFromAnswers>;

export function questionnaireKindOf<I extends InstrumentScoredFromAnswers>(instrument: I): KindOf<I> {
  return instrument.replace("_", "-") as KindOf<I>;
}

/** Every questionnaire the engine scores from answers has a form for the patient, in the engine's order. */
export const QUESTIONNAIRE_KINDS: readonly QuestionnaireKind[] =
  INSTRUMENTS_SCORED_FROM_ANSWERS.map(questionnaireKindOf);

/** The instrument (and measure id its score is stored under) of each form. */
export const INSTRUMENT_OF_KIND = Object.fromEntries(
  INSTRUMENTS_SCORED_FROM_ANSWERS.map((id) => [questionnaireKindOf(id), id]),
) as Record<QuestionnaireKind, InstrumentScoredFromAnswers>;
export const QUESTIONNAIRE_TITLES: Record<QuestionnaireKind, string> = {
  "visa-a": VISA_A.title,
  "visa-p": VISA_P.title,
  lefs: LEFS.title,
  psfs: PSFS.title,
};

/** About how long each form takes, for "Due: VISA-A questionnaire (about 3 minutes)" (our estimate from the items). */
export const QUESTIONNAIRE_MINUTES: Record<QuestionnaireKind, number> = {
  "visa-a": 3,
  "visa-p": 3,
  lefs: 4,
  psfs: 2,
};
