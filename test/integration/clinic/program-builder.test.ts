import { describe, expect, it } from "vitest";
import * as newProgram from "~/routes/clinic.programs.new.tsx";
import * as editProgram from "~/routes/clinic.programs.$programId.edit.tsx";
import { blankCriterion } from "~/schemas/program-form/blank-values.ts";
import type { ProgramFormValues } from "~/schemas/program-form/form-values.ts";
import { programToForm } from "~/schemas/program-form/program-to-form.ts";
import { getDb } from "~/utils/db.server.ts";
import { countRows } from "../../support/factories.ts";
import { postRequest, run } from "../../support/requests.ts";
import { clinicWithProgram, twoStageProgram } from "./fixtures.ts";

// The program builder's action: a physio authors progression rules, monitoring tests and a trial; a rule that could
// never work is a field error, the form comes back as typed, and nothing is saved.

/** Flattens nested form values into the dotted names a browser posts. */
function flatten(value: unknown, prefix = "", out: Record<string, string> = {}): Record<string, string> {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${prefix}${prefix ? "." : ""}${i}`, out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) flatten(v, `${prefix}${prefix ? "." : ""}${k}`, out);
  else out[prefix] = value === undefined || value === null ? "" : String(value);
  return out;
}

/** The test program as the editor would post it, with a loaded heel raise and the builder's additions. */
function authored(change: (form: ProgramFormValues) => void = () => {}) {
  const form = programToForm({ ...twoStageProgram, id: "new-program" });
  const stage = form.stages[0]!;
  Object.assign(stage.prescription.exercises[0]!, { loadKg: "10", loadText: "" });
  stage.monitoringTests = [{ id: "", name: "Single-leg decline squat", instructions: "Once, on a slope", _rest: "" }];
  stage.trial = { label: "first loaded session", test: "", _rest: "" };
  Object.assign(stage.progression!, {
    kind: "load_step",
    stepKg: "2.5",
    maxKg: "30",
    when: [blankCriterion("pain", "pain-ok")],
    stepBack: [{ ...blankCriterion("pain", "pain-after"), metric: "after", threshold: "5", comparator: "gt" }],
  });
  Object.assign(stage.prescription.exercises[0]!.progression!, {
    kind: "double_progression",
    repsFrom: "15",
    repsTo: "20",
    stepKg: "2.5",
    when: [blankCriterion("pain", "pain-ok")],
  });
  change(form);
  return flatten(form);
}

async function savedDefinition(programId: string) {
  const row = await getDb()
    .selectFrom("program_version")
    .select("definition")
    .where("program_id", "=", programId)
    .orderBy("version", "desc")
    .executeTakeFirstOrThrow();
  return JSON.parse(row.definition) as typeof twoStageProgram;
}

describe("the program builder's action", () => {
  it("saves a stage's load progression with its step back, an exercise's double progression, a monitoring test and a trial", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const res = await run(
      newProgram.action,
      await postRequest("/clinic/programs/new", authored(), { userId: cast.clinician.id }),
    );
    expect(res.status).toBe(302);
    const id = res.headers.get("Location")!.split("/")[3]!.split("?")[0]!;
    const stage = (await savedDefinition(id)).stages[0]!;
    expect(stage.progression).toMatchObject({
      id: "progression",
      step: { kind: "load_step", stepKg: 2.5, maxKg: 30 },
      when: [{ kind: "pain", metric: "during" }],
      stepBack: { when: [{ kind: "pain", metric: "after", comparator: "gt", threshold: 5 }] },
    });
    expect(stage.prescription.exercises[0]).toMatchObject({
      id: "heel-raise",
      load: { text: "10 kg", kg: 10 },
      progression: { id: "heel-raise-progression", step: { kind: "double_progression", repsFrom: 15, repsTo: 20 } },
    });
    expect(stage.monitoringTests).toEqual([
      { id: "single-leg-decline-squat", name: "Single-leg decline squat", instructions: "Once, on a slope" },
    ]);
    expect(stage.trial).toEqual({ label: "first loaded session" });
  });

  it("a reps range upside down, a cap below the starting load and a negative step are field errors; nothing is saved and the form comes back as typed", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const before = [await countRows(db, "program"), await countRows(db, "program_version")];
    const res = await run(
      newProgram.action,
      await postRequest(
        "/clinic/programs/new",
        authored((f) => {
          const stage = f.stages[0]!;
          Object.assign(stage.prescription.exercises[0]!.progression!, { repsFrom: "20", repsTo: "15", maxKg: "5" });
          f.stages[1]!.progression = { ...stage.progression!, stepKg: "-1", maxKg: "" };
        }),
        { userId: cast.clinician.id },
      ),
    );
    expect(res.status).toBe(400);
    expect(res.data.fieldErrors).toMatchObject({
      "stages.0.prescription.exercises.0.progression.maxKg": "The cap is below the starting load (10 kg)",
      "stages.0.prescription.exercises.0.progression.repsTo": "The top of the range must be above the bottom",
      "stages.1.progression.stepKg": expect.any(String),
    });
    expect(res.data.values.stages[0].prescription.exercises[0].progression.maxKg).toBe("5");
    expect(res.data.values.stages[0].prescription.exercises[0].progression.repsTo).toBe("15");
    expect([await countRows(db, "program"), await countRows(db, "program_version")]).toEqual(before);
  });

  it("an edit that adds a progression rule with no step-up condition writes no version", async () => {
    const db = getDb();
    const cast = await clinicWithProgram(db);
    const before = await countRows(db, "program_version");
    const res = await run(
      editProgram.action,
      await postRequest(
        `/clinic/programs/${cast.programId}/edit`,
        authored((f) => {
          f.id = cast.programId;
          f.stages[0]!.progression!.when = [];
        }),
        { userId: cast.clinician.id },
      ),
      { programId: cast.programId },
    );
    expect(res.status).toBe(400);
    expect(Object.keys(res.data.fieldErrors)).toContain("stages.0.progression.when");
    expect(await countRows(db, "program_version")).toBe(before);
  });
});
