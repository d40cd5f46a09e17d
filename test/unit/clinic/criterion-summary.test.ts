import { describe, expect, it } from "vitest";
import { describeCriterion } from "~/components/clinic/criterion-summary.tsx";
import { CriterionSchema, PainModelSchema } from "~/engine/index.ts";

const model = PainModelSchema.parse({
  name: "Silbernagel",
  duringMax: 5,
  afterMax: null,
  inclusive: true,
  settleBy: "next_morning",
  weekOnWeek: "no_rise",
  redFlagPain: 8,
});
const pain = (extra: object) =>
  CriterionSchema.parse({
    id: "p",
    kind: "pain",
    metric: "during",
    aggregate: "max",
    window: { days: 7 },
    ...extra,
  });

describe("the program page's one-line reading of a pain criterion", () => {
  it("reads a gate on the model's limit as pain at or below it", () => {
    expect(describeCriterion(pain({}), "gate", model)).toBe(
      "Pain during (max, last 7 days) ≤ 5 (the pain model's limit)",
    );
  });

  it("reads a regress rule on the model's limit as pain above it, the way the engine applies it", () => {
    expect(describeCriterion(pain({ aggregate: "latest", window: { days: 1 } }), "regress", model)).toBe(
      "Pain during (latest, last 1 day) > 5 (the pain model's limit)",
    );
  });

  it("reads a regress rule with its own threshold but no comparator in the engine's direction", () => {
    expect(describeCriterion(pain({ threshold: 7 }), "regress", model)).toBe("Pain during (max, last 7 days) > 7");
  });
});

describe("the program page's one-line reading of tests and questionnaires", () => {
  it("names a questionnaire as clinicians do, and a clinic's own by its measure", () => {
    const visa = CriterionSchema.parse({
      id: "q",
      kind: "questionnaire",
      instrument: "visa_a",
      mode: "absolute",
      comparator: "gte",
      threshold: 80,
    });
    const global = CriterionSchema.parse({
      id: "g",
      kind: "questionnaire",
      instrument: "global_rating",
      mode: "change_from_baseline",
      comparator: "gte",
      threshold: 20,
    });
    const custom = CriterionSchema.parse({
      id: "c",
      kind: "questionnaire",
      instrument: "custom",
      measure: "clinic_run_score",
      mode: "absolute",
      comparator: "gte",
      threshold: 7,
    });
    expect(describeCriterion(visa, "gate", model)).toBe("VISA-A ≥ 80");
    expect(describeCriterion(global, "gate", model)).toBe("global rating of function change ≥ 20");
    expect(describeCriterion(custom, "gate", model)).toBe("clinic run score ≥ 7");
  });

  it("names a capacity test by the engine's name for it", () => {
    const hop = CriterionSchema.parse({
      id: "h",
      kind: "capacity",
      measure: "timed_6m_hop_s",
      mode: "lsi",
      comparator: "gte",
      threshold: 90,
      lowerIsBetter: true,
    });
    expect(describeCriterion(hop, "gate", model)).toBe("6 m timed hop limb symmetry ≥ 90 %");
  });
});
