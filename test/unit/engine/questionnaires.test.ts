import { describe, expect, it } from "vitest";
import {
  INSTRUMENT_NAMES,
  INSTRUMENT_SCORE_RANGES,
  INSTRUMENTS_SCORED_FROM_ANSWERS,
  isInstrumentScore,
  KNOWN_INSTRUMENTS,
  LEFS_ITEMS,
  LefsAnswersSchema,
  measureName,
  PSFS_ACTIVITIES,
  PsfsAnswersSchema,
  QuestionnaireSchema,
  scoreLefs,
  scorePsfs,
  scoreVisaA,
  scoreVisaP,
  VISA_ITEM_MAXIMA,
  VisaAAnswersSchema,
} from "~/engine";

describe("questionnaire scoring (clinical-reference §7)", () => {
  it.each([
    {
      name: "VISA-A with no symptoms scores the maximum of 100",
      score: () => scoreVisaA([10, 10, 10, 10, 10, 10, 10, 30]),
      want: 100,
    },
    {
      name: "VISA-A of the Silbernagel trial's baseline-like patient sums items 1–7 and the item-8 branch score",
      score: () => scoreVisaA([5, 6, 4, 7, 5, 6, 4, 20]),
      want: 57,
    },
    {
      name: "VISA-P sums items 1–6, item 7 and the 0–30 item 8 to 0–100",
      score: () => scoreVisaP([3, 4, 5, 6, 7, 8, 7, 10]),
      want: 50,
    },
    { name: "LEFS of 20 items all 'no difficulty' (4) is 80", score: () => scoreLefs(new Array(20).fill(4)), want: 80 },
    {
      name: "LEFS adds its 20 item scores",
      score: () => scoreLefs([...new Array(10).fill(2), ...new Array(10).fill(3)]),
      want: 50,
    },
    { name: "PSFS is the mean of the patient's activities", score: () => scorePsfs([3, 5, 6]), want: 4.67 },
    { name: "PSFS accepts up to five activities", score: () => scorePsfs([10, 8, 6, 4, 2]), want: 6 },
  ])("$name", ({ score, want }) => expect(score()).toBe(want));

  it.each([
    {
      name: "VISA-A item 8 above 30 is refused",
      run: () => scoreVisaA([10, 10, 10, 10, 10, 10, 10, 31]),
      msg: /item 8 .* 0–30/,
    },
    {
      name: "VISA-A item 3 above 10 is refused",
      run: () => scoreVisaA([10, 10, 11, 10, 10, 10, 10, 30]),
      msg: /item 3 .* 0–10/,
    },
    {
      name: "VISA-P with seven answers is refused",
      run: () => scoreVisaP([1, 2, 3, 4, 5, 6, 7]),
      msg: /needs 8 answers/,
    },
    {
      name: "LEFS with an item scored 5 is refused",
      run: () => scoreLefs([5, ...new Array(19).fill(0)]),
      msg: /item 1 .* 0–4/,
    },
    { name: "PSFS with two activities is refused", run: () => scorePsfs([5, 5]), msg: /3 to 5/ },
    { name: "PSFS with fractional scores is refused", run: () => scorePsfs([5.5, 5, 5]), msg: /whole number/ },
  ])("$name", ({ run, msg }) => expect(run).toThrow(msg));

  it("Form schemas accept and refuse the same answers as the scorers", () => {
    expect(VisaAAnswersSchema.safeParse([10, 10, 10, 10, 10, 10, 10, 30]).success).toBe(true);
    expect(VisaAAnswersSchema.safeParse([10, 10, 10, 10, 10, 10, 10, 31]).success).toBe(false);
    expect(LefsAnswersSchema.safeParse(new Array(19).fill(2)).success).toBe(false);
    expect(PsfsAnswersSchema.safeParse([1, 2, 3, 4, 5, 6]).success).toBe(false);
  });
});

describe("instrument definitions (instruments.ts), the one list the app derives its own from", () => {
  it("a patient with no symptoms on each self-scored questionnaire scores the top of the range the app accepts for it", () => {
    const best = {
      visa_a: scoreVisaA([...VISA_ITEM_MAXIMA]),
      visa_p: scoreVisaP([...VISA_ITEM_MAXIMA]),
      lefs: scoreLefs(new Array(LEFS_ITEMS.count).fill(LEFS_ITEMS.max)),
      psfs: scorePsfs(new Array(PSFS_ACTIVITIES.min).fill(PSFS_ACTIVITIES.itemMax)),
    };
    expect(best).toEqual({ visa_a: 100, visa_p: 100, lefs: 80, psfs: 10 });
    for (const id of INSTRUMENTS_SCORED_FROM_ANSWERS)
      expect(INSTRUMENT_SCORE_RANGES[id]).toEqual({ min: 0, max: best[id] });
  });

  it("every questionnaire score is a known measure with a clinician's name; a clinic's own (custom) is not a known score", () => {
    for (const id of KNOWN_INSTRUMENTS) {
      expect(isInstrumentScore(id)).toBe(true);
      expect(measureName(id)).toBe(INSTRUMENT_NAMES[id]);
    }
    expect(isInstrumentScore("custom")).toBe(false);
    expect(isInstrumentScore("single_hop_cm")).toBe(false);
    expect(QuestionnaireSchema.options).toEqual([...KNOWN_INSTRUMENTS, "custom"]);
  });
});
