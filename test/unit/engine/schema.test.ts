import { describe, expect, it } from "vitest";
import { CriterionSchema, EvaluationInputSchema, ProgramSchema } from "~/engine";
import type { Program } from "~/engine";
import { input, program } from "./helpers";

function withStage(mutate: (p: Program) => void): unknown {
  const p = structuredClone(program());
  mutate(p);
  return p;
}

function issues(value: unknown): string[] {
  const r = ProgramSchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("program schema", () => {
  it("A complete program round-trips through JSON unchanged (what the database stores is what the engine reads)", () => {
    const p = program();
    expect(ProgramSchema.parse(JSON.parse(JSON.stringify(p)))).toEqual(p);
  });

  it.each([
    {
      name: "Two stages with the same id are refused",
      mutate: (p: Program) => (p.stages[1]!.id = "one"),
      want: /duplicate stage id 'one'/,
    },
    {
      name: "A criterion citing an unknown source is refused",
      mutate: (p: Program) =>
        p.stages[1]!.gates.push({
          id: "g",
          kind: "time",
          from: "stage_entry",
          days: 3,
          source: { citationIds: ["nobody-2020"] },
        }),
      want: /unknown citation 'nobody-2020'/,
    },
    {
      name: "A regress rule may not send the patient forward",
      mutate: (p: Program) =>
        p.stages[0]!.regressRules.push({
          id: "r",
          label: "r",
          criteria: [{ id: "t", kind: "time", from: "stage_entry", days: 1 }],
          action: { to: "stage", stageId: "three" },
        }),
      want: /cannot move the patient forward/,
    },
    {
      name: "A pain limit with no threshold, under a model that allows pain, is refused",
      mutate: (p: Program) => {
        p.painModel.duringMax = null;
        p.stages[1]!.gates.push({ id: "p", kind: "pain", metric: "during", aggregate: "max", window: { days: 7 } });
      },
      want: /no threshold/,
    },
    {
      name: "A next-morning pain limit must state its own threshold (the model has none to inherit)",
      mutate: (p: Program) =>
        p.stages[1]!.gates.push({
          id: "p",
          kind: "pain",
          metric: "next_morning",
          aggregate: "max",
          window: { days: 7 },
        }),
      want: /no threshold/,
    },
    {
      name: "A named-test pain limit must say which test",
      mutate: (p: Program) =>
        p.stages[1]!.gates.push({
          id: "p",
          kind: "pain",
          metric: "test",
          aggregate: "max",
          window: { days: 7 },
          threshold: 2,
        }),
      want: /needs the test's name/,
    },
    {
      name: "Duplicate criterion ids in one stage's gates are refused",
      mutate: (p: Program) =>
        p.stages[1]!.gates.push(
          { id: "x", kind: "time", from: "stage_entry", days: 1 },
          { id: "x", kind: "time", from: "plan_start", days: 1 },
        ),
      want: /duplicate criterion id 'x'/,
    },
  ])("$name", ({ mutate, want }) => {
    expect(issues(withStage(mutate)).join("\n")).toMatch(want);
  });

  it("Criteria are a discriminated union on kind: an unknown kind is refused", () => {
    expect(CriterionSchema.safeParse({ id: "x", kind: "vibes", threshold: 3 }).success).toBe(false);
  });

  it("A window is either days or sessions, not both", () => {
    expect(
      CriterionSchema.safeParse({
        id: "p",
        kind: "pain",
        metric: "during",
        aggregate: "max",
        window: { days: 3, sessions: 2 },
        threshold: 3,
      }).success,
    ).toBe(false);
  });

  it("Evaluation input accepts database nulls for optional facts and refuses an unknown time zone", () => {
    const base = input();
    const withNulls = {
      ...base,
      plan: { ...base.plan, injuryDate: null, surgeryDate: null, lastRegressOn: null },
      logs: [{ date: "2026-03-20", sessionDone: "done", painDuring: null, swelling: null }],
    };
    expect(EvaluationInputSchema.safeParse(withNulls).success).toBe(true);
    expect(
      EvaluationInputSchema.safeParse({ ...base, plan: { ...base.plan, timeZone: "Europe/Atlantis" } }).success,
    ).toBe(false);
    expect(EvaluationInputSchema.safeParse({ ...base, today: "2026-02-30" }).success).toBe(false);
  });
});
