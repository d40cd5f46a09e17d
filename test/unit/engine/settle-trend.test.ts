import { describe, expect, it } from "vitest";
import { evaluate } from "~/engine";
import type { Criterion, RegressRule } from "~/engine";
import { history, input, log, TODAY, verify, type Case } from "./helpers";

const settled: Criterion = { id: "settled", kind: "settle", window: { sessions: 3 }, baseline: "pre_session" };
const stiffnessTrend: Criterion = { id: "stiffness_trend", kind: "trend", metric: "stiffness" };
const morningPain = (values: number[]) => history(values.length, (i) => ({ morningPain: values[i] }));

const cases: Case[] = [
  {
    name: "Achilles patient whose next-morning pain was back to the pre-session level after every session meets Silbernagel's settle rule",
    input: () => input({ gates: [settled], logs: morningPain([1, 1, 1, 1]) }),
    expect: { outcome: "advance", checks: { settled: { status: "met", observed: 0 } } },
  },
  {
    name: "Achilles patient who woke 2 points worse the morning after a session has not settled and holds",
    input: () => input({ gates: [settled], logs: morningPain([1, 3, 3, 3]) }),
    expect: { outcome: "hold", checks: { settled: { status: "not_met", observed: 2 } } },
  },
  {
    name: "Symptoms not settled by the next morning trigger a stay with 20 % less load (reduce load, per Silbernagel)",
    input: () =>
      input({
        regressRules: [
          {
            id: "not_settled",
            label: "Next-morning pain up",
            criteria: [{ ...settled, id: "unsettled", window: { sessions: 1 }, expect: "not_settled" }],
            action: { to: "stay", loadReductionPercent: 20 },
          },
        ],
        gates: [settled],
        logs: morningPain([1, 1, 1, 3]),
      }),
    expect: { outcome: "regress", to: "two", checks: { "not_settled.unsettled": { status: "met", observed: 2 } } },
  },
  {
    name: "A first session whose next morning has not come yet cannot show that symptoms settled",
    input: () => input({ gates: [settled], plan: { stageEnteredOn: TODAY }, logs: [log(TODAY, { morningPain: 1 })] }),
    expect: { outcome: "hold", checks: { settled: { status: "no_data", missing: /morning pain/ } } },
  },
  {
    name: "Patellofemoral patient held to pain-free mornings (fixed baseline 0) fails after waking with 1/10",
    input: () =>
      input({
        gates: [{ id: "pain_free_mornings", kind: "settle", window: { days: 7 }, baseline: "fixed", baselineValue: 0 }],
        logs: morningPain([0, 0, 0, 1, 0, 0, 0]),
      }),
    expect: { outcome: "hold", checks: { pain_free_mornings: { status: "not_met", observed: 1 } } },
  },
  {
    name: "With the pain model's settle tolerance of 1 point, waking exactly 1 point up still counts as settled and is flagged",
    input: () => input({ gates: [settled], painModel: { settleTolerance: 1 }, logs: morningPain([1, 2, 2, 2]) }),
    expect: { outcome: "advance", checks: { settled: { status: "met", observed: 1 } }, flags: ["boundary"] },
  },
  {
    name: "Morning stiffness rising from 2 to 3 week on week breaks Silbernagel's no-rise rule and holds",
    input: () => input({ gates: [stiffnessTrend], logs: history(14, (i) => ({ morningStiffness: i < 7 ? 2 : 3 })) }),
    expect: { outcome: "hold", checks: { stiffness_trend: { status: "not_met", observed: 1 } } },
  },
  {
    name: "Morning stiffness easing from 4 to 2 week on week passes the no-rise rule",
    input: () => input({ gates: [stiffnessTrend], logs: history(14, (i) => ({ morningStiffness: i < 7 ? 4 : 2 })) }),
    expect: { outcome: "advance", checks: { stiffness_trend: { status: "met", observed: -2 } } },
  },
  {
    name: "A week-on-week rule with only two stiffness reports this week has no data rather than passing",
    input: () =>
      input({ gates: [stiffnessTrend], logs: history(14, (i) => (i < 7 || i > 11 ? { morningStiffness: 1 } : {})) }),
    expect: { outcome: "hold", checks: { stiffness_trend: { status: "no_data", missing: /have 7 and 2/ } } },
  },
  {
    name: "Pain rising more than 1 point week on week (Praet: pain rises overall) triggers a step back",
    input: () =>
      input({
        regressRules: [
          {
            id: "pain_rising",
            label: "Pain rising week on week",
            criteria: [{ id: "trend", kind: "trend", metric: "during", expect: "rising", maxRise: 1 }],
            action: { to: "previous" },
            restDays: 7,
          },
        ],
        logs: history(14, (i) => ({ painDuring: i < 7 ? 2 : 4 })),
      }),
    expect: { outcome: "regress", to: "one", checks: { "pain_rising.trend": { status: "met", observed: 2 } } },
  },
  {
    name: "One bad morning (stiffness 6 once in an otherwise steady week) does not make a rising week: no step back",
    input: () =>
      input({
        regressRules: [stiffnessRising()],
        logs: history(14, (i) => ({ morningStiffness: i === 12 ? 6 : 2 })),
      }),
    expect: { outcome: "hold", checks: { "stiffness_rising.trend": { status: "not_met" } } },
  },
  {
    name: "Two worse mornings this week do make a rising week, and the patient steps back",
    input: () =>
      input({
        regressRules: [stiffnessRising()],
        logs: history(14, (i) => ({ morningStiffness: i === 10 || i === 12 ? 4 : 2 })),
      }),
    expect: { outcome: "regress", checks: { "stiffness_rising.trend": { status: "met" } } },
  },
  {
    name: "A program that asks for it (minRaisedDays 1) lets a single bad morning trip the week-on-week rule",
    input: () =>
      input({
        regressRules: [stiffnessRising({ minRaisedDays: 1 })],
        logs: history(14, (i) => ({ morningStiffness: i === 12 ? 6 : 2 })),
      }),
    expect: { outcome: "regress", checks: { "stiffness_rising.trend": { status: "met" } } },
  },
];

function stiffnessRising(extra: Partial<Extract<Criterion, { kind: "trend" }>> = {}): RegressRule {
  return {
    id: "stiffness_rising",
    label: "Morning stiffness rising week on week",
    criteria: [{ id: "trend", kind: "trend", metric: "stiffness", expect: "rising", ...extra }],
    action: { to: "previous" },
  };
}

describe("symptoms settle and week-on-week trend", () => {
  it.each(cases)("$name", ({ input: make, expect: e }) => verify(evaluate(make()), e));

  it("The week-on-week rule states its tolerance to the patient and the clinician", () => {
    const decision = evaluate(
      input({
        gates: [{ ...stiffnessTrend, maxRise: 0.5 }],
        logs: history(14, (i) => ({ morningStiffness: i === 12 ? 6 : 2 })),
      }),
    );
    const k = decision.checks.find((c) => c.id === "stiffness_trend")!;
    expect(k.status).toBe("met");
    expect(k.label).toBe("Morning stiffness week-on-week not rising (rise ≤ 0.5 on 2+ days)");
    expect(k.patientText).toContain(
      "not higher than last week by more than 0.5 points (one bad day alone does not count)",
    );
    expect(k.clinicianText).toContain(
      "Tolerance: 0.5 points (the weekly mean may rise by up to 0.5); a rise counts only when at least 2 days this week are above last week's mean by more than that (one bad day alone does not count).",
    );
    expect(k.clinicianText).toContain("1 day this week above last week's mean + 0.5.");
  });
});
