import { describe, expect, it } from "vitest";
import * as newProgram from "~/routes/clinic.programs.new.tsx";
import { blankCriterion } from "~/schemas/program-form/blank-values.ts";
import { programToForm } from "~/schemas/program-form/program-to-form.ts";
import { ProgramFormSchema } from "~/schemas/program-form/schema.ts";
import { getDb } from "~/utils/db.server.ts";
import { countRows } from "../../support/factories.ts";
import { postRequest, run } from "../../support/requests.ts";
import { clinicWithProgram, twoStageProgram } from "./fixtures.ts";

// settle, trend, repetitions and soreness have dedicated fields like every other kind: posted as strings (checkbox
// groups as repeated keys, as a browser posts them), converted, and validated by the engine's schema.

type Posted = Record<string, string | string[]>;
/** A criterion's editor values as the tests set them; `conditions` is there for repetitions (blankCriterion fills it). */
type GateValues = Record<string, unknown> & { conditions?: Record<string, unknown> };
/** The editor's form values, as far as these tests reach into them. */
type FormValues = Record<string, unknown> & { stages: Array<{ gates: GateValues[] }> };

/** The dotted names a browser posts; string lists (checkbox groups) stay lists = repeated keys. */
function flatten(value: unknown, prefix = "", out: Posted = {}): Posted {
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) out[prefix] = value as string[];
  else if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${prefix}${prefix ? "." : ""}${i}`, out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) flatten(v, `${prefix}${prefix ? "." : ""}${k}`, out);
  else out[prefix] = value === undefined || value === null ? "" : String(value);
  return out;
}

/** The test program as the editor posts it, with one extra gate (stage 1, gate 3) set up by `edit`. */
function posted(kind: "settle" | "trend" | "repetitions" | "soreness", edit: (gate: GateValues) => void): Posted {
  const form = programToForm({ ...twoStageProgram, id: "new-program" }) as FormValues;
  const gate = blankCriterion(kind, `new-${kind}`);
  edit(gate);
  form.stages[0]!.gates.push(gate);
  return flatten(form);
}

async function save(body: Posted) {
  const db = getDb();
  const cast = await clinicWithProgram(db);
  const before = [await countRows(db, "program"), await countRows(db, "program_version")];
  const res = await run(
    newProgram.action,
    await postRequest("/clinic/programs/new", body, { userId: cast.clinician.id }),
  );
  const after = [await countRows(db, "program"), await countRows(db, "program_version")];
  if (res.status !== 302) return { res, saved: undefined, written: after[0]! - before[0]! + after[1]! - before[1]! };
  const id = res.headers.get("Location")!.split("/")[3]!.split("?")[0]!;
  const version = await db
    .selectFrom("program_version")
    .select("definition")
    .where("program_id", "=", id)
    .executeTakeFirstOrThrow();
  return { res, saved: JSON.parse(version.definition).stages[0].gates[2], written: 2 };
}

describe("criterion kinds with dedicated fields: valid posts are saved as the engine's criterion", () => {
  it("settle: a fixed baseline with tolerance, regress-style expectation and a sessions window", async () => {
    const { res, saved } = await save(
      posted("settle", (g) =>
        Object.assign(g, {
          label: "Settled",
          windowCount: "2",
          windowUnit: "sessions",
          baseline: "fixed",
          baselineValue: "1,5",
          tolerance: "1",
          expect: "not_settled",
          minSamples: "2",
          scope: "plan",
        }),
      ),
    );
    expect(res.status).toBe(302);
    expect(saved).toEqual({
      id: "new-settle",
      kind: "settle",
      label: "Settled",
      window: { sessions: 2 },
      baseline: "fixed",
      baselineValue: 1.5,
      tolerance: 1,
      expect: "not_settled",
      minSamples: 2,
      scope: "plan",
    });
  });

  it("settle: blank optional fields are left out (engine defaults apply)", async () => {
    const { saved } = await save(posted("settle", () => {}));
    expect(saved).toEqual({ id: "new-settle", kind: "settle", window: { sessions: 3 }, baseline: "pre_session" });
  });

  it("trend: a named test rising week on week", async () => {
    const { res, saved } = await save(
      posted("trend", (g) =>
        Object.assign(g, {
          metric: "test",
          test: "decline_squat",
          maxRise: "0.5",
          expect: "rising",
          minSamplesPerWeek: "2",
        }),
      ),
    );
    expect(res.status).toBe(302);
    expect(saved).toEqual({
      id: "new-trend",
      kind: "trend",
      metric: "test",
      test: "decline_squat",
      maxRise: 0.5,
      expect: "rising",
      minSamplesPerWeek: 2,
    });
  });

  it("repetitions: count, rest day and every condition, soreness ticked as a checkbox group", async () => {
    const { res, saved } = await save(
      posted("repetitions", (g) =>
        Object.assign(g, {
          count: "2",
          restDayBetween: "true",
          scope: "stage",
          conditions: {
            minRunningMinutes: "20",
            minSessionMinutes: "45",
            maxPainDuring: "2",
            maxPainAfter: "3",
            maxNextMorningPain: "2",
            maxSwelling: "trace",
            soreness: ["none", "warmup_resolved"],
            inclusive: "false",
          },
        }),
      ),
    );
    expect(res.status).toBe(302);
    expect(saved).toEqual({
      id: "new-repetitions",
      kind: "repetitions",
      count: 2,
      restDayBetween: true,
      scope: "stage",
      conditions: {
        minRunningMinutes: 20,
        minSessionMinutes: 45,
        maxPainDuring: 2,
        maxPainAfter: 3,
        maxNextMorningPain: 2,
        maxSwelling: "trace",
        soreness: ["none", "warmup_resolved"],
        inclusive: false,
      },
    });
  });

  it("repetitions: with every condition blank, any done session counts (empty conditions, no soreness list)", async () => {
    const { saved } = await save(
      posted("repetitions", (g) => Object.assign(g, { count: "1", conditions: { maxPainDuring: "", soreness: [] } })),
    );
    expect(saved).toEqual({ id: "new-repetitions", kind: "repetitions", count: 1, conditions: {} });
  });

  it("soreness: levels from the checkbox group (one ticked box posts a single value)", async () => {
    const two = await save(
      posted("soreness", (g) =>
        Object.assign(g, {
          aggregate: "any",
          windowCount: "7",
          windowUnit: "days",
          levels: ["warmup_persisted", "after_1h_or_next_day"],
        }),
      ),
    );
    expect(two.saved).toEqual({
      id: "new-soreness",
      kind: "soreness",
      aggregate: "any",
      window: { days: 7 },
      levels: ["warmup_persisted", "after_1h_or_next_day"],
    });
    const one = await save(posted("soreness", (g) => Object.assign(g, { levels: "after_1h_or_next_day" })));
    expect(one.saved).toEqual({
      id: "new-soreness",
      kind: "soreness",
      aggregate: "latest",
      window: { sessions: 1 },
      levels: ["after_1h_or_next_day"],
    });
  });
});

describe("criterion kinds with dedicated fields: invalid posts get a field error and nothing is written", () => {
  const cases: Array<[string, "settle" | "trend" | "repetitions" | "soreness", (g: GateValues) => void, string]> = [
    ["settle: a fixed baseline without its value", "settle", (g) => (g.baseline = "fixed"), "baselineValue"],
    ["settle: a tolerance that is not a number", "settle", (g) => (g.tolerance = "some"), "tolerance"],
    ["settle: a zero-length window", "settle", (g) => (g.windowCount = "0"), "windowCount"],
    [
      "trend: metric 'test' without the test's name",
      "trend",
      (g) => Object.assign(g, { metric: "test", test: "" }),
      "test",
    ],
    ["trend: a negative allowed rise", "trend", (g) => (g.maxRise = "-1"), "maxRise"],
    ["repetitions: no count", "repetitions", (g) => (g.count = ""), "count"],
    ["repetitions: a fractional count", "repetitions", (g) => (g.count = "1.5"), "count"],
    [
      "repetitions: a pain maximum above 10",
      "repetitions",
      (g) => (g.conditions!.maxPainDuring = "11"),
      "conditions.maxPainDuring",
    ],
    [
      "repetitions: running minutes that are not a number",
      "repetitions",
      (g) => (g.conditions!.minRunningMinutes = "twenty"),
      "conditions.minRunningMinutes",
    ],
    [
      "repetitions: an unknown soreness level",
      "repetitions",
      (g) => (g.conditions!.soreness = ["none", "very_sore"]),
      "conditions.soreness",
    ],
    ["soreness: no level ticked", "soreness", (g) => (g.levels = []), "levels"],
    ["soreness: an unknown aggregate", "soreness", (g) => (g.aggregate = "most"), "aggregate"],
  ];

  it.each(cases)("%s", async (_name, kind, edit, field) => {
    const { res, written } = await save(posted(kind, edit));
    expect(res.status).toBe(400);
    expect(res.data.fieldErrors).toHaveProperty([`stages.0.gates.2.${field}`]);
    expect(written).toBe(0);
  });

  it("the browser-side schema (react-hook-form) puts the same errors on the same fields", () => {
    const form = programToForm(twoStageProgram) as FormValues;
    form.stages[0]!.gates.push({ ...blankCriterion("soreness", "sore"), levels: [] });
    form.stages[0]!.gates.push({
      ...blankCriterion("repetitions", "reps"),
      conditions: { maxPainAfter: "12", soreness: [] },
    });
    const result = ProgramFormSchema.safeParse(form);
    expect(result.error!.issues.map((i) => i.path.join("."))).toEqual(
      expect.arrayContaining(["stages.0.gates.2.levels", "stages.0.gates.3.conditions.maxPainAfter"]),
    );
  });
});
