import { describe, expect, it } from "vitest";
import { loadBuiltInProgram } from "~/programs/index.ts";
import { minutesTextToSeconds, secondsToMinutesText } from "~/schemas/program-form/minutes.ts";
import { programToForm } from "~/schemas/program-form/program-to-form.ts";
import { ProgramFormSchema } from "~/schemas/program-form/schema.ts";

// Walk-run is entered as walk and run minutes and repeats; the engine keeps seconds.

function asPosted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asPosted);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asPosted(v)]));
  return value === undefined || value === null ? "" : String(value);
}

const walkRun = loadBuiltInProgram("ankle-sprain-walk-run")!;
const runStage = walkRun.stages.findIndex((s) => s.prescription.run?.blocks.some((b) => b.walkSeconds > 0));

describe("walk-run in minutes", () => {
  it("reads minutes as 1.5, 1,5 or 1:30 and shows seconds as whole minutes or m:ss", () => {
    expect([minutesTextToSeconds("1.5"), minutesTextToSeconds("1,5"), minutesTextToSeconds("1:30")]).toEqual([
      90, 90, 90,
    ]);
    expect(minutesTextToSeconds("")).toBeUndefined();
    expect(minutesTextToSeconds("soon")).toBeNaN();
    expect([secondsToMinutesText(120), secondsToMinutesText(90), secondsToMinutesText(45)]).toEqual([
      "2",
      "1:30",
      "0:45",
    ]);
  });

  it("shows a built-in walk-run stage's blocks in minutes and saves them back as the same seconds", () => {
    expect(runStage).toBeGreaterThanOrEqual(0);
    const form = programToForm(walkRun);
    const blocks = form.stages[runStage]!.prescription.run!.blocks;
    const stored = walkRun.stages[runStage]!.prescription.run!.blocks;
    expect(blocks[0]!.walkMinutes).toBe(secondsToMinutesText(stored[0]!.walkSeconds));
    const result = ProgramFormSchema.safeParse(asPosted(form));
    expect(result.success ? null : result.error.issues).toBeNull();
    expect(result.data!.stages[runStage]!.prescription.run).toEqual(walkRun.stages[runStage]!.prescription.run);
  });

  it("a physio types walk 2, run 1:30, 8 repeats: stored as 120 s and 90 s", () => {
    const form = programToForm(walkRun);
    form.stages[runStage]!.prescription.run!.blocks = [
      { walkMinutes: "2", runMinutes: "1:30", repeats: "8", intensity: "" },
    ];
    const result = ProgramFormSchema.safeParse(asPosted(form));
    expect(result.data!.stages[runStage]!.prescription.run!.blocks).toEqual([
      { walkSeconds: 120, runSeconds: 90, repeats: 8 },
    ]);
  });

  it("a run time that is not minutes, or a run of 0, is an error on the minutes field", () => {
    const form = programToForm(walkRun);
    form.stages[runStage]!.prescription.run!.blocks = [
      { walkMinutes: "two", runMinutes: "0", repeats: "8", intensity: "" },
    ];
    const errors = Object.fromEntries(
      ProgramFormSchema.safeParse(asPosted(form)).error!.issues.map((i) => [i.path.join("."), i.message]),
    );
    expect(errors[`stages.${runStage}.prescription.run.blocks.0.walkMinutes`]).toBe("Enter minutes, e.g. 1.5 or 1:30");
    expect(errors[`stages.${runStage}.prescription.run.blocks.0.runMinutes`]).toBeTruthy();
  });

  it("a load rule on the run is refused: the run progresses by running longer", () => {
    const form = programToForm(walkRun);
    Object.assign(form.stages[runStage]!.prescription.run!.progression!, { kind: "load_step", stepKg: "2" });
    const issues = ProgramFormSchema.safeParse(asPosted(form)).error!.issues;
    expect(issues).toContainEqual(
      expect.objectContaining({ path: ["stages", runStage, "prescription", "run", "progression", "kind"] }),
    );
  });
});
