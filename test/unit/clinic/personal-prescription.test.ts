import { describe, expect, it } from "vitest";
import { ProgramSchema } from "~/engine/index.ts";
import type { PersonalDoseVersion } from "~/models/personal-dose.server.ts";
import { doseText, runText } from "~/services/personal-dose-form.server.ts";
import { personalPrescription } from "~/services/personal-dose.server.ts";

// The patient's own prescription: the stage's, with the physio's tailoring applied (docs/decisions/052-…).

const stage = ProgramSchema.parse({
  id: "unit-dose",
  version: 1,
  name: "Unit dose",
  condition: "Achilles tendinopathy",
  summary: "One stage.",
  painModel: {
    name: "m",
    duringMax: 5,
    afterMax: null,
    inclusive: true,
    settleBy: "none",
    weekOnWeek: "none",
    redFlagPain: 7,
  },
  citations: [],
  stages: [
    {
      id: "load",
      name: "Load",
      goal: "Load",
      instructions: "Do it.",
      minDays: 0,
      prescription: {
        exercises: [
          {
            id: "heel-raise",
            name: "Heel raise",
            sets: 3,
            reps: 15,
            side: "both",
            source: { kind: "ours", note: "x" },
          },
          { id: "hops", name: "Hops", side: "both" },
        ],
        run: { warmUpMinutes: 10, blocks: [{ walkSeconds: 120, runSeconds: 180, repeats: 3 }] },
      },
      gates: [],
      regressRules: [],
    },
  ],
}).stages[0]!;

const version = (over: Partial<PersonalDoseVersion>): PersonalDoseVersion => ({
  version: 1,
  stageId: "load",
  stageEnteredOn: "2026-12-01",
  exercises: [],
  run: null,
  cause: "tailored",
  reason: "r",
  changedBy: null,
  createdAt: "2026-12-01T10:00:00Z",
  ...over,
});

describe("a patient's own prescription", () => {
  it("is the stage's when nothing is tailored", () => {
    expect(personalPrescription(stage, undefined)).toBe(stage.prescription);
  });

  it("replaces a tailored exercise, leaves a dropped one out, adds the patient's own last, ignores a stale entry", () => {
    const mine = personalPrescription(
      stage,
      version({
        exercises: [
          {
            exerciseId: "heel-raise",
            origin: "program",
            dropped: false,
            dose: { id: "heel-raise", name: "Heel raise", sets: 2, reps: 8, repsMax: 10, side: "both" },
          },
          { exerciseId: "hops", origin: "program", dropped: true, dose: null },
          {
            exerciseId: "gone-in-v2",
            origin: "program",
            dropped: false,
            dose: { id: "gone-in-v2", name: "Gone", reps: 5, side: "both" },
          },
          {
            exerciseId: "own-1",
            origin: "added",
            dropped: false,
            dose: { id: "own-1", name: "Seated calf raise", sets: 3, reps: 20, side: "involved" },
          },
        ],
        run: { warmUpMinutes: 10, blocks: [{ walkSeconds: 120, runSeconds: 90, repeats: 4 }] },
      }),
    );
    expect(mine.exercises.map((e) => [e.id, e.sets, e.reps])).toEqual([
      ["heel-raise", 2, 8],
      ["own-1", 3, 20],
    ]);
    expect(mine.run?.blocks[0]).toEqual({ walkSeconds: 120, runSeconds: 90, repeats: 4 });
  });

  it("says a dose the way the clinician's table shows it", () => {
    expect(
      doseText({
        id: "a",
        name: "A",
        sets: 3,
        reps: 10,
        repsMax: 15,
        load: { text: "body weight + 5 kg", kg: 5 },
        perDay: 2,
        side: "involved",
      }),
    ).toBe("3 × 10–15 · body weight + 5 kg · 2×/day · painful side");
    expect(doseText({ id: "b", name: "B", sets: 4, holdSeconds: 45, side: "both" })).toBe(
      "4 sets · hold 45 s · both sides",
    );
    expect(runText({ warmUpMinutes: 5, blocks: [{ walkSeconds: 120, runSeconds: 72, repeats: 10 }], perWeek: 4 })).toBe(
      "warm up 5 min · 10 × (run 1.2 min, walk 2 min) · 4×/week",
    );
  });
});
