import { describe, expect, it } from "vitest";
import { describeCriterion } from "~/components/clinic/criterion-summary.tsx";
import { PainCriterionSchema, PainModelSchema } from "~/engine/index.ts";

const model = PainModelSchema.parse({ name: "Silbernagel", duringMax: 5, afterMax: null, inclusive: true, settleBy: "next_morning", weekOnWeek: "no_rise", redFlagPain: 8 });
const pain = (extra: object) => PainCriterionSchema.parse({ id: "p", kind: "pain", metric: "during", aggregate: "max", window: { days: 7 }, ...extra });

describe("the program page's one-line reading of a pain criterion", () => {
  it("reads a gate on the model's limit as pain at or below it", () => {
    expect(describeCriterion(pain({}), "gate", model)).toBe("Pain during (max, last 7 days) ≤ 5 (the pain model's limit)");
  });

  it("reads a regress rule on the model's limit as pain above it, the way the engine applies it", () => {
    expect(describeCriterion(pain({ aggregate: "latest", window: { days: 1 } }), "regress", model)).toBe("Pain during (latest, last 1 days) > 5 (the pain model's limit)");
  });

  it("reads a regress rule with its own threshold but no comparator in the engine's direction", () => {
    expect(describeCriterion(pain({ threshold: 7 }), "regress", model)).toBe("Pain during (max, last 7 days) > 7");
  });
});
