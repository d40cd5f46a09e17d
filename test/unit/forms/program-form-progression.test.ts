import { describe, expect, it } from "vitest";
import { ProgramSchema, type Program } from "~/engine/index.ts";
import { blankCriterion, blankExercise, blankProgram, blankStage } from "~/schemas/program-form/blank-values.ts";
import type { ProgramFormValues } from "~/schemas/program-form/form-values.ts";
import { idFromName } from "~/schemas/program-form/id-from-name.ts";
import { programToForm } from "~/schemas/program-form/program-to-form.ts";
import { ProgramFormSchema } from "~/schemas/program-form/schema.ts";

// The program builder: progression rules, monitoring tests and trials authored as form values, ids made from names,
// and the field errors a physio sees for a rule that could never work.

const base: Program = ProgramSchema.parse({
  id: "heel-program",
  version: 1,
  name: "Heel program",
  condition: "Achilles tendinopathy",
  summary: "Load, then build.",
  painModel: {
    name: "Model",
    duringMax: 5,
    afterMax: null,
    inclusive: true,
    settleBy: "next_morning",
    weekOnWeek: "no_rise",
    redFlagPain: 7,
  },
  citations: [],
  stages: [
    {
      id: "isometrics",
      name: "Isometrics",
      goal: "Settle pain",
      instructions: "Hold.",
      minDays: 7,
      prescription: {
        exercises: [
          { id: "heel-raise", name: "Heel raise", sets: 3, reps: 8, load: { text: "10 kg", kg: 10 }, side: "both" },
          { id: "squat", name: "Squat", sets: 3, reps: 10, load: { text: "20 kg", kg: 20 }, side: "both" },
        ],
      },
      gates: [],
      regressRules: [],
      monitoringTests: [{ id: "decline_squat", name: "Single-leg decline squat" }],
      trial: { label: "first loaded session", test: "decline_squat" },
      progression: {
        id: "progression",
        label: "Add 2.5 kg",
        step: { kind: "load_step", stepKg: 2.5, maxKg: 40 },
        when: [{ id: "pain-ok", kind: "pain", metric: "during", aggregate: "max", window: { sessions: 2 } }],
        stepBack: {
          when: [
            { id: "pain-high", kind: "pain", metric: "after", aggregate: "latest", window: { days: 1 }, threshold: 5 },
          ],
        },
      },
    },
  ],
});

/** What a browser posts: every value a string. */
function asPosted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asPosted);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asPosted(v)]));
  return value === undefined || value === null ? "" : String(value);
}

function parse(form: ProgramFormValues) {
  return ProgramFormSchema.safeParse(asPosted(form));
}

const errorsOf = (form: ProgramFormValues) =>
  Object.fromEntries((parse(form).error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("authoring progression rules, monitoring tests and trials", () => {
  it("round-trips a stage's progression rule with its step-back, its monitoring test and trial unchanged", () => {
    const form = programToForm(base);
    expect(form.stages[0]!.progression).toMatchObject({ kind: "load_step", stepKg: "2.5", maxKg: "40" });
    expect(form.stages[0]!.progression!.stepBack).toHaveLength(1);
    expect(form.stages[0]!.prescription.exercises[0]).toMatchObject({ loadKg: "10", loadText: "10 kg" });
    const result = parse(form);
    expect(result.success ? null : result.error.issues).toBeNull();
    expect(result.data).toEqual(base);
  });

  it("adds a double progression to one exercise: reps 8 to 12, then 2.5 kg, saved on that exercise", () => {
    const form = programToForm(base);
    Object.assign(form.stages[0]!.prescription.exercises[0]!.progression!, {
      kind: "double_progression",
      repsFrom: "8",
      repsTo: "12",
      stepKg: "2.5",
      when: [blankCriterion("pain", "pain-1")],
    });
    const result = parse(form);
    expect(result.success ? null : result.error.issues).toBeNull();
    expect(result.data!.stages[0]!.prescription.exercises[0]!.progression).toMatchObject({
      id: "heel-raise-progression",
      step: { kind: "double_progression", repsFrom: 8, repsTo: 12, stepKg: 2.5 },
      when: [{ kind: "pain", metric: "during" }],
    });
  });

  it("a double progression whose top is not above its bottom is an error on the top", () => {
    const form = programToForm(base);
    Object.assign(form.stages[0]!.progression!, { kind: "double_progression", repsFrom: "12", repsTo: "8" });
    expect(errorsOf(form)["stages.0.progression.repsTo"]).toBe("The top of the range must be above the bottom");
  });

  it("a cap below an exercise's starting load is an error on the cap", () => {
    const form = programToForm(base);
    form.stages[0]!.progression!.maxKg = "15";
    expect(errorsOf(form)["stages.0.progression.maxKg"]).toBe("The cap is below the starting load (20 kg)");
  });

  it("a step that is not positive, or no step at all, is an error on the step", () => {
    const negative = programToForm(base);
    negative.stages[0]!.progression!.stepKg = "-2.5";
    expect(errorsOf(negative)["stages.0.progression.stepKg"]).toBeTruthy();
    const none = programToForm(base);
    none.stages[0]!.progression!.stepKg = "";
    expect(errorsOf(none)["stages.0.progression.stepKg"]).toBe("Add either kg or %: one of the two");
  });

  it("a rule with no step-up condition is an error on its condition list", () => {
    const form = programToForm(base);
    form.stages[0]!.progression!.when = [];
    expect(Object.keys(errorsOf(form))).toContain("stages.0.progression.when");
  });

  it("a step-back condition's error lands on the step-back condition's own field", () => {
    const form = programToForm(base);
    form.stages[0]!.progression!.stepBack[0]!.threshold = "12";
    expect(Object.keys(errorsOf(form))).toContain("stages.0.progression.stepBack.0.threshold");
  });

  it("choosing 'No progression' removes the rule", () => {
    const form = programToForm(base);
    form.stages[0]!.progression!.kind = "";
    const result = parse(form);
    expect(result.data!.stages[0]!.progression).toBeUndefined();
  });

  it("run progression is not offered for exercises: an error if posted anyway", () => {
    const form = programToForm(base);
    form.stages[0]!.progression!.kind = "run_progression";
    expect(errorsOf(form)["stages.0.progression.kind"]).toBe("Run progression belongs on the run, not on exercises");
  });

  it("a time gate counted from stage entry is refused: the minimum days are the one place for that", () => {
    const form = programToForm(base);
    form.stages[0]!.gates = [{ ...blankCriterion("time", "time-1"), from: "stage_entry" }];
    expect(errorsOf(form)["stages.0.gates.0.from"]).toMatch(/Minimum days in stage/);
  });
});

describe("a program built from blank rows: ids come from names and are never typed", () => {
  function builtFromBlank(): ProgramFormValues {
    const form = blankProgram();
    Object.assign(form, { name: "Knee plan", condition: "Patellar tendinopathy", summary: "Load the tendon." });
    const stage = blankStage();
    Object.assign(stage, { name: "Isometrics — early", goal: "Settle", instructions: "Hold the wall sit." });
    stage.prescription.exercises = [{ ...blankExercise(), name: "Wall sit", loadKg: "5" }];
    stage.monitoringTests = [{ id: "", name: "Single-leg decline squat", instructions: "", _rest: "" }];
    stage.trial = { label: "first loaded session", test: idFromName("Single-leg decline squat", ""), _rest: "" };
    form.stages = [stage];
    return form;
  }

  it("gives the stage, the exercise and the monitoring test ids from their names, and the load text from its kg", () => {
    const result = parse(builtFromBlank());
    expect(result.success ? null : result.error.issues).toBeNull();
    const stage = result.data!.stages[0]!;
    expect(stage.id).toBe("isometrics-early");
    expect(stage.prescription.exercises[0]).toMatchObject({ id: "wall-sit", load: { text: "5 kg", kg: 5 } });
    expect(stage.monitoringTests).toEqual([{ id: "single-leg-decline-squat", name: "Single-leg decline squat" }]);
    expect(stage.trial).toEqual({ label: "first loaded session", test: "single-leg-decline-squat" });
  });

  it("two exercises with one name are an error on the second's name, not on a hidden id", () => {
    const form = builtFromBlank();
    form.stages[0]!.prescription.exercises.push({ ...blankExercise(), name: "Wall sit" });
    expect(errorsOf(form)["stages.0.prescription.exercises.1.name"]).toBe(
      "Another one in this stage has the same name",
    );
  });

  it("a clinician sign-off gate takes its item id from what the clinician confirms", () => {
    const form = builtFromBlank();
    form.stages[0]!.gates = [{ ...blankCriterion("signoff", "signoff-1"), prompt: "Clinical exam clear" }];
    const result = parse(form);
    expect(result.success ? null : result.error.issues).toBeNull();
    expect(result.data!.stages[0]!.gates[0]).toMatchObject({ kind: "signoff", itemId: "clinical-exam-clear" });
  });

  it("a blank trial label means no trial", () => {
    const form = builtFromBlank();
    form.stages[0]!.trial = { label: "", test: "", _rest: "" };
    expect(parse(form).data!.stages[0]!.trial).toBeUndefined();
  });
});
