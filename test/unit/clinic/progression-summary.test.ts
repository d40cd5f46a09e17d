import { describe, expect, it } from "vitest";
import { describeProgression, describeStep } from "~/components/clinic/progression-summary.ts";
import type { PainModel } from "~/engine/index.ts";

// The program page reads each stage's progression rules in words, so a physio checks a program without its JSON.

const painModel: PainModel = {
  name: "Model",
  duringMax: 5,
  afterMax: null,
  inclusive: true,
  settleBy: "next_morning",
  weekOnWeek: "no_rise",
  redFlagPain: 7,
};

describe("progression rules in words", () => {
  it("reads an added load with its cap", () => {
    expect(describeStep({ kind: "load_step", stepKg: 2.5, maxKg: 40 })).toBe("add 2.5 kg (never above 40 kg)");
    expect(describeStep({ kind: "load_step", stepPercent: 10 })).toBe("add 10 %");
  });

  it("reads a double progression as reps up the range, then load and back to the bottom", () => {
    expect(describeStep({ kind: "double_progression", repsFrom: 8, repsTo: 12, stepKg: 2.5 })).toBe(
      "reps 8 → 12, then add 2.5 kg and back to 8 reps",
    );
  });

  it("reads a run progression in minutes where they are whole", () => {
    expect(describeStep({ kind: "run_progression", runSecondsStep: 60, walkSecondsStep: 30, maxRunSeconds: 600 })).toBe(
      "run 1 min longer, walk 30 s less (run at most 10 min)",
    );
  });

  it("reads the whole rule: its step, when it steps up and when it steps back", () => {
    const text = describeProgression(
      {
        id: "p",
        step: { kind: "load_step", stepKg: 2.5 },
        when: [{ id: "a", kind: "pain", metric: "during", aggregate: "max", window: { sessions: 2 } }],
        stepBack: {
          when: [{ id: "b", kind: "signoff", itemId: "x", prompt: "Physio says so", label: "Physio says so" }],
        },
      },
      painModel,
    );
    expect(text).toMatch(/^Add 2\.5 kg when pain during .+; one step back when physio says so\.$/);
  });
});
