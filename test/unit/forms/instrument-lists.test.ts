/**
 * The app's questionnaire lists and ranges are derived from the engine's instrument definitions
 * (app/engine/instruments.ts). These pin what clinicians and patients see, so deriving them changed nothing, and
 * check that the patient-facing wording fits the engine's item shapes.
 */
import { describe, expect, it } from "vitest";
import {
  INSTRUMENT_OF_KIND,
  LEFS,
  PSFS,
  QUESTIONNAIRE_KINDS,
  QUESTIONNAIRE_TITLES,
  VISA_A,
  VISA_P,
} from "~/content/questionnaires.ts";
import { LEFS_ITEMS, PSFS_ACTIVITIES, VISA_ITEM_MAXIMA } from "~/engine/instruments.ts";
import { QUESTIONNAIRE_RANGES, QuestionnaireMeasurementSchema } from "~/schemas/plan-actions.ts";

describe("the clinician's questionnaire score form", () => {
  it("offers the six instruments the engine knows, labelled with their score ranges", () => {
    expect(Object.entries(QUESTIONNAIRE_RANGES).map(([id, r]) => [id, r.label, r.min, r.max])).toEqual([
      ["visa_a", "VISA-A (0–100)", 0, 100],
      ["visa_p", "VISA-P (0–100)", 0, 100],
      ["lefs", "LEFS (0–80)", 0, 80],
      ["psfs", "PSFS (0–10)", 0, 10],
      ["koos_adl", "KOOS-ADL (0–100)", 0, 100],
      ["global_rating", "Global rating of function (0–100)", 0, 100],
    ]);
  });

  it("refuses a LEFS score of 81 as a typing slip, and a clinic's own 'custom' instrument (it has no known range)", () => {
    const base = { planId: "p", answeredOn: "2026-03-20" };
    const lefs = QuestionnaireMeasurementSchema.safeParse({ ...base, instrument: "lefs", score: "81" });
    expect(lefs.success).toBe(false);
    expect(lefs.error?.issues.map((i) => i.message)).toEqual(["A LEFS score is between 0 and 80"]);
    expect(QuestionnaireMeasurementSchema.safeParse({ ...base, instrument: "custom", score: "50" }).success).toBe(
      false,
    );
    expect(
      QuestionnaireMeasurementSchema.safeParse({ ...base, instrument: "global_rating", score: "100" }).success,
    ).toBe(true);
  });
});

describe("the patient's questionnaires", () => {
  it("are the four the engine scores from answers, at the same addresses as before", () => {
    expect(QUESTIONNAIRE_KINDS).toEqual(["visa-a", "visa-p", "lefs", "psfs"]);
    expect(INSTRUMENT_OF_KIND).toEqual({ "visa-a": "visa_a", "visa-p": "visa_p", lefs: "lefs", psfs: "psfs" });
    for (const kind of QUESTIONNAIRE_KINDS) expect(QUESTIONNAIRE_TITLES[kind]).toBeTruthy();
  });

  it("ask as many questions as the engine scores: VISA items 1–7 plus the item-8 branch, 20 LEFS items, 3–5 PSFS activities", () => {
    for (const visa of [VISA_A, VISA_P]) {
      expect(visa.items).toHaveLength(VISA_ITEM_MAXIMA.length - 1);
      // Each branch's best answer stays within item 8's range; the no-pain branch reaches its top.
      expect(Math.max(...visa.item8.branches.flatMap((b) => b.scores))).toBe(VISA_ITEM_MAXIMA.at(-1));
    }
    expect(LEFS.items).toHaveLength(LEFS_ITEMS.count);
    expect(LEFS.options.map((o) => o.value)).toEqual(Array.from({ length: LEFS_ITEMS.max + 1 }, (_, i) => i));
    expect([PSFS.minActivities, PSFS.maxActivities]).toEqual([PSFS_ACTIVITIES.min, PSFS_ACTIVITIES.max]);
  });
});
