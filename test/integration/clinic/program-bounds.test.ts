import { describe, expect, it } from "vitest";
import * as newProgram from "~/routes/clinic.programs.new.tsx";
import { PROGRAM_BOUNDS } from "~/schemas/program-form/bounds.ts";
import { programToForm } from "~/schemas/program-form/program-to-form.ts";
import type { ProgramFormValues } from "~/schemas/program-form/form-values.ts";
import { getDb } from "~/utils/db.server.ts";
import { countRows } from "../../support/factories.ts";
import { postRequest, run } from "../../support/requests.ts";
import { clinicWithProgram, twoStageProgram } from "./fixtures.ts";

/** Flattens nested form values into the dotted names a browser posts. */
function flatten(value: unknown, prefix = "", out: Record<string, string> = {}): Record<string, string> {
  if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${prefix}${prefix ? "." : ""}${i}`, out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) flatten(v, `${prefix}${prefix ? "." : ""}${k}`, out);
  else out[prefix] = value === undefined || value === null ? "" : String(value);
  return out;
}

async function post(change: (form: ProgramFormValues) => void) {
  const db = getDb();
  const cast = await clinicWithProgram(db);
  const form = programToForm({ ...twoStageProgram, id: "big-program" });
  change(form);
  const before = [await countRows(db, "program"), await countRows(db, "program_version")];
  const res = await run(
    newProgram.action,
    await postRequest("/clinic/programs/new", flatten(form), { userId: cast.clinician.id }),
  );
  expect([await countRows(db, "program"), await countRows(db, "program_version")]).toEqual(before);
  return res;
}

describe("a program's size and windows are bounded, with errors on the editor's fields", () => {
  it("a window longer than a year is an error on its window field", async () => {
    let path = "";
    const res = await post((f) => {
      const i = f.stages[0]!.gates.findIndex((g) => g.windowUnit === "days");
      f.stages[0]!.gates[i]!.windowCount = String(PROGRAM_BOUNDS.windowDays + 1);
      path = `stages.0.gates.${i}.windowCount`;
    });
    expect(res.status).toBe(400);
    expect(res.data.fieldErrors[path]).toMatch(/at most 365 days/);
  });

  it("too many stages, too many gates, a stage minimum of years and over-long text are each refused", async () => {
    const res = await post((f) => {
      const template = f.stages[1]!;
      f.stages[0]!.name = "x".repeat(PROGRAM_BOUNDS.shortText + 1);
      f.stages[0]!.instructions = "y".repeat(PROGRAM_BOUNDS.longText + 1);
      f.stages[0]!.minDays = "4000";
      const gate = f.stages[0]!.gates[0]!;
      f.stages[0]!.gates = Array.from({ length: PROGRAM_BOUNDS.gatesPerStage + 1 }, (_, i) => ({
        ...gate,
        id: `gate-${i}`,
      }));
      for (let i = f.stages.length; i <= PROGRAM_BOUNDS.stages; i++) {
        f.stages.push({ ...template, id: `extra-${i}`, name: `Extra ${i}` });
      }
    });
    expect(res.status).toBe(400);
    const errors = res.data.fieldErrors as Record<string, string>;
    expect(errors["stages"]).toMatch(/At most 30 stages/);
    expect(errors["stages.0.gates"]).toMatch(/At most 20 gate criteria/);
    expect(errors["stages.0.name"]).toMatch(/at most 300 characters/);
    expect(errors["stages.0.instructions"]).toMatch(/at most 4000 characters/);
    expect(errors["stages.0.minDays"]).toMatch(/At most 365 days/);
  });
});
