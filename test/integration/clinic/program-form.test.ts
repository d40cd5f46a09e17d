import { describe, expect, it } from "vitest";
import { blankCriterion } from "~/schemas/program-form/blank-values.ts";
import type { CriterionFormValues } from "~/schemas/program-form/form-values.ts";
import { programToForm } from "~/schemas/program-form/program-to-form.ts";
import { ProgramFormSchema } from "~/schemas/program-form/schema.ts";
import { builtInPrograms, loadBuiltInProgram } from "~/programs/index.ts";
import { twoStageProgram } from "./fixtures.ts";

/** What a browser posts: every value a string (formDataToObject keeps nesting). */
function asPosted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asPosted);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asPosted(v)]));
  return value === undefined || value === null ? "" : String(value);
}

describe("the program editor's form schema", () => {
  it.each(builtInPrograms.map((p) => [p.id, p] as const))(
    "round-trips the built-in program %s unchanged through the form",
    (_id, program) => {
      const result = ProgramFormSchema.safeParse(asPosted(programToForm(program)));
      expect(result.success ? null : result.error.issues).toBeNull();
      expect(result.data).toEqual(program);
    },
  );

  it("keeps a program's own recent-data and red-flag hold settings (numbers that are ours by default, so editable)", () => {
    const program = { ...twoStageProgram, freshDataDays: 2, redFlagHoldDays: 0 };
    const form = programToForm(program);
    expect(form).toMatchObject({ freshDataDays: "2", redFlagHoldDays: "0" });
    const result = ProgramFormSchema.safeParse(asPosted(form));
    expect(result.success ? null : result.error.issues).toBeNull();
    expect(result.data).toEqual(program);
  });

  it("puts the engine's errors on the fields that caused them", () => {
    const form = programToForm(twoStageProgram);
    const stage = form.stages[0]!;
    form.name = "";
    form.painModel.redFlagPain = "12";
    stage.gates[0]!.windowCount = "0";
    stage.gates[1]!.prompt = "";
    stage.minDays = "soon";
    const result = ProgramFormSchema.safeParse(asPosted(form));
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(
      expect.arrayContaining([
        "name",
        "painModel.redFlagPain",
        "stages.0.gates.0.windowCount",
        "stages.0.gates.1.prompt",
        "stages.0.minDays",
      ]),
    );
  });

  it("puts the engine's cross-field rules (two stages with one id) on the stage's name, as ids are hidden", () => {
    const form = programToForm(twoStageProgram);
    form.stages[1]!.id = "load";
    const result = ProgramFormSchema.safeParse(asPosted(form));
    expect(result.error!.issues).toContainEqual(
      expect.objectContaining({ path: ["stages", 1, "name"], message: "Another stage has the same name" }),
    );
  });

  it("needs a threshold on a pain criterion whose metric the pain model sets no limit for", () => {
    const form = programToForm(twoStageProgram);
    const gates = form.stages[0]!.gates;
    gates.push(blankCriterion("pain", "morning"));
    gates[2]!.metric = "after";
    const result = ProgramFormSchema.safeParse(asPosted(form));
    expect(result.error!.issues.map((i) => i.path.join("."))).toContain("stages.0.gates.2.threshold");
  });

  it("edits every criterion kind with dedicated fields: no JSON box in any built-in program's form", () => {
    const criteria = builtInPrograms
      .flatMap((p) => programToForm(p).stages)
      .flatMap((s) => [...s.gates, ...s.regressRules.flatMap((r) => r.criteria)]);
    const soreness = (c: CriterionFormValues) => (c.conditions as { soreness?: string[] } | undefined)?.soreness ?? [];
    expect([...new Set(criteria.map((c) => c.kind))]).toEqual(
      expect.arrayContaining(["settle", "trend", "repetitions", "soreness"]),
    );
    for (const c of criteria) expect(c).not.toHaveProperty("json");
    const reps = criteria.find((c) => c.kind === "repetitions" && soreness(c).length);
    expect(reps?.conditions).toMatchObject({ soreness: ["none"], maxSwelling: "trace", maxPainDuring: "2" });
  });

  it("reports broken hidden settings (_rest) on their own field", () => {
    const form = programToForm(twoStageProgram);
    form.stages[0]!.gates.push({ ...blankCriterion("settle", "settled"), _rest: "{ not json" });
    const result = ProgramFormSchema.safeParse(asPosted(form));
    expect(result.error!.issues.map((i) => i.path.join("."))).toContain("stages.0.gates.2._rest");
  });

  it("gives the clinician-only source of a prescription and of an exercise their own fields, next to the patient's notes", () => {
    const form = programToForm(loadBuiltInProgram("runner-5k-to-10k")!);
    const prescription = form.stages[0]!.prescription;
    expect(prescription).toMatchObject({
      notes: expect.stringContaining("how hard the session felt"),
      sourceNote: "Session RPE × minutes is tracked as information (Foster 2001), never as a trigger.",
      sourceOurs: "",
    });
    // Citation links have no field: they ride in the hidden _rest, without the note (which has its field).
    expect(JSON.parse(prescription._rest).source).toEqual({ citationIds: ["foster-2001"] });
    expect(prescription.exercises[0]).toMatchObject({ sourceNote: "", sourceOurs: "" });
  });

  it("saves an edited source, keeps its citation links, and drops a source left empty", () => {
    const form = programToForm(loadBuiltInProgram("runner-5k-to-10k")!);
    const prescription = form.stages[0]!.prescription;
    prescription.sourceNote = "Session-RPE load (Foster 2001) is information only.";
    prescription.sourceOurs = "false";
    prescription.exercises[0]!.sourceNote = "Dose is ours.";
    prescription.exercises[0]!.sourceOurs = "true";
    const stage2 = form.stages[1]!.prescription;
    stage2.sourceNote = "";
    stage2._rest = "";
    const result = ProgramFormSchema.safeParse(asPosted(form));
    expect(result.success ? null : result.error.issues).toBeNull();
    const [first, second] = result.data!.stages;
    expect(first!.prescription.source).toEqual({
      citationIds: ["foster-2001"],
      ours: false,
      note: "Session-RPE load (Foster 2001) is information only.",
    });
    expect(first!.prescription.exercises[0]!.source).toEqual({ ours: true, note: "Dose is ours." });
    expect(first!.prescription.exercises[1]!).not.toHaveProperty("source");
    expect(second!.prescription).not.toHaveProperty("source");
    // The patient's notes are untouched by the source edits.
    expect(first!.prescription.notes).toBe(loadBuiltInProgram("runner-5k-to-10k")!.stages[0]!.prescription.notes);
  });
});
