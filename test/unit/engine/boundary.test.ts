/**
 * The `boundary` flag warns that a value sits exactly on an ambiguous cut-off (the inclusive/exclusive reading decides
 * the check). A threshold at the minimum or maximum of a bounded scale is not ambiguous — the other reading is vacuous
 * (pain "< 0" never happens) — so it is not flagged.
 */
import { describe, it } from "vitest";
import { addDays, evaluate } from "~/engine";
import type { Criterion, PainModel, RegressRule } from "~/engine";
import { history, input, measure, TODAY, verify, type Case } from "./helpers";

const d = (n: number) => addDays(TODAY, n);
const PAIN_FREE: Partial<PainModel> = {
  name: "Askling L-protocol: pain-free",
  duringMax: 0,
  afterMax: null,
  inclusive: true,
  redFlagPain: 4,
};
const painFreeGate: Criterion = {
  id: "pain_free",
  kind: "pain",
  metric: "during",
  aggregate: "max",
  window: { sessions: 3 },
  minSamples: 3,
};
const anyPain: RegressRule = {
  id: "any_pain",
  label: "Any pain during the latest session",
  criteria: [{ id: "latest", kind: "pain", metric: "during", aggregate: "latest", window: { sessions: 1 } }],
  action: { to: "stay" },
};

const cases: Case[] = [
  {
    name: "Askling patient with three pain-free sessions (0/10 under the model's ≤ 0) advances with no boundary flag",
    input: () =>
      input({
        painModel: PAIN_FREE,
        gates: [painFreeGate],
        regressRules: [anyPain],
        logs: history(5, () => ({ painDuring: 0 })),
      }),
    expect: {
      outcome: "advance",
      checks: { pain_free: { status: "met", observed: 0 }, "any_pain.latest": { status: "not_met", observed: 0 } },
      noFlags: ["boundary"],
    },
  },
  {
    name: "Pain-free gate written out as ≤ 0/10: a pain-free week raises no boundary flag",
    input: () =>
      input({
        gates: [{ ...painFreeGate, comparator: "lte", threshold: 0 }],
        logs: history(5, () => ({ painDuring: 0 })),
      }),
    expect: { outcome: "advance", checks: { pain_free: { status: "met", observed: 0 } }, noFlags: ["boundary"] },
  },
  {
    name: "Any-pain stop rule written out as > 0/10: a pain-free session neither triggers it nor raises a boundary flag",
    input: () =>
      input({
        regressRules: [
          { ...anyPain, criteria: [{ ...anyPain.criteria[0]!, comparator: "gt", threshold: 0 } as Criterion] },
        ],
        logs: history(2, () => ({ painDuring: 0 })),
      }),
    expect: {
      outcome: "hold",
      checks: { "any_pain.latest": { status: "not_met", observed: 0 } },
      noFlags: ["boundary"],
    },
  },
  {
    name: "Askling patient with 1/10 during the exercises backs off, with no boundary flag (1 is not on the > 0 cut-off)",
    input: () =>
      input({
        painModel: PAIN_FREE,
        gates: [painFreeGate],
        regressRules: [anyPain],
        logs: history(3, (i) => ({ painDuring: i === 2 ? 1 : 0 })),
      }),
    expect: {
      outcome: "regress",
      checks: { "any_pain.latest": { status: "met", observed: 1 } },
      noFlags: ["boundary"],
    },
  },
  {
    name: "Red-flag stop rule at the top of the scale (pain ≥ 10/10) triggering on 10/10 raises no boundary flag",
    input: () =>
      input({
        regressRules: [
          { ...anyPain, criteria: [{ ...anyPain.criteria[0]!, comparator: "gte", threshold: 10 } as Criterion] },
        ],
        logs: history(1, () => ({ painDuring: 10 })),
      }),
    expect: { outcome: "regress", noFlags: ["boundary"] },
  },
  {
    name: "Silbernagel patient exactly at 5/10 under the inclusive limit is still flagged: 5 is an ambiguous cut-off",
    input: () =>
      input({
        gates: [{ id: "pain_during", kind: "pain", metric: "during", aggregate: "max", window: { days: 7 } }],
        logs: history(7, (i) => ({ painDuring: i === 3 ? 5 : 2 })),
      }),
    expect: { outcome: "advance", checks: { pain_during: { status: "met", observed: 5 } }, flags: ["boundary"] },
  },
  {
    name: "Low pain exactly at a 1/10 threshold (≥ 1) is still flagged: 1 is not the end of the scale",
    input: () =>
      input({
        regressRules: [
          { ...anyPain, criteria: [{ ...anyPain.criteria[0]!, comparator: "gte", threshold: 1 } as Criterion] },
        ],
        logs: history(1, () => ({ painDuring: 1 })),
      }),
    expect: { outcome: "regress", flags: ["boundary"] },
  },
  {
    name: "Athlete with a symptom-free VISA-A of 100 under a ≥ 100 gate raises no boundary flag (the top of the score)",
    input: () =>
      input({
        gates: [
          {
            id: "visa",
            kind: "questionnaire",
            instrument: "visa_a",
            mode: "absolute",
            comparator: "gte",
            threshold: 100,
          },
        ],
        measurements: [measure(d(0), "visa_a", 100)],
      }),
    expect: { outcome: "advance", checks: { visa: { status: "met", observed: 100 } }, noFlags: ["boundary"] },
  },
  {
    name: "VISA-A exactly 90 under a ≥ 90 gate is still flagged as a boundary",
    input: () =>
      input({
        gates: [
          {
            id: "visa",
            kind: "questionnaire",
            instrument: "visa_a",
            mode: "absolute",
            comparator: "gte",
            threshold: 90,
          },
        ],
        measurements: [measure(d(0), "visa_a", 90)],
      }),
    expect: { outcome: "advance", checks: { visa: { status: "met", observed: 90 } }, flags: ["boundary"] },
  },
  {
    name: "A VISA-A change of exactly 0 under a 'no worse' (≥ 0) change gate is flagged: a change has no scale floor at 0",
    input: () =>
      input({
        gates: [
          {
            id: "visa",
            kind: "questionnaire",
            instrument: "visa_a",
            mode: "change_from_baseline",
            comparator: "gte",
            threshold: 0,
          },
        ],
        measurements: [measure(d(-20), "visa_a", 70), measure(d(0), "visa_a", 70)],
      }),
    expect: { outcome: "advance", checks: { visa: { status: "met", observed: 0 } }, flags: ["boundary"] },
  },
];

describe("boundary flag: only on ambiguous cut-offs", () => {
  it.each(cases)("$name", ({ input: make, expect: e }) => verify(evaluate(make()), e));
});
