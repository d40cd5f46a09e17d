import { describe, expect, it } from "vitest";
import { defaultValuesFor, type LogFormView } from "~/routes/me.log/log-form.tsx";

// What the day's log form starts from when the patient opens a day again (ADR 058).

const exercises = [
  { id: "heel-raise", name: "Heel raise", sets: 3, reps: 15, side: "involved", load: { text: "10 kg", kg: 10 } },
  { id: "calf-stretch", name: "Calf stretch", holdSeconds: 30, side: "both" },
] as unknown as LogFormView["exercises"];

const viewWith = (existing: Record<string, unknown> | null) =>
  ({ date: "2026-12-05", openedVersion: "1", exercises, existing }) as unknown as LogFormView;

const savedExercises = [
  { exerciseId: "heel-raise", status: "done", sets: 3, reps: 15, loadKg: 10 },
  { exerciseId: "calf-stretch", status: "done", sets: null, reps: null, loadKg: null },
];

describe("opening a saved day's log again", () => {
  it("a day saved as 'did them all' starts its checklist unanswered, so 'some of them' asks which ones", () => {
    const values = defaultValuesFor(viewWith({ sessionDone: "done", exercises: savedExercises }));
    expect((values.exercises as Array<{ status: string }>).map((e) => e.status)).toEqual(["", ""]);
    expect((values.exercises as Array<{ loadKg: unknown }>)[0]!.loadKg).toBe(10);
  });

  it("a day saved as 'some of them' keeps each exercise's answer", () => {
    const partly = [
      { ...savedExercises[0]!, status: "partial" },
      { ...savedExercises[1]!, status: "skipped" },
    ];
    const values = defaultValuesFor(viewWith({ sessionDone: "partial", exercises: partly }));
    expect((values.exercises as Array<{ status: string }>).map((e) => e.status)).toEqual(["partial", "skipped"]);
  });

  it("a new day starts unanswered with the numbers of the patient's dose", () => {
    const values = defaultValuesFor(viewWith(null));
    expect(values.exercises).toEqual([
      { exerciseId: "heel-raise", status: "", sets: 3, reps: 15, loadKg: 10 },
      { exerciseId: "calf-stretch", status: "", sets: "", reps: "", loadKg: "" },
    ]);
  });
});
