import { describe, expect, it } from "vitest";
import { addDays, evaluate } from "~/engine";
import type { Criterion } from "~/engine";
import { checkOf, history, input, log, TODAY, verify, type Case } from "./helpers";

const painDuringGate: Criterion = {
  id: "pain_during",
  kind: "pain",
  metric: "during",
  aggregate: "max",
  window: { days: 7 },
};
const painDuringRegress = {
  id: "pain_spike",
  label: "Pain during loading above the model limit",
  criteria: [{ id: "during", kind: "pain", metric: "during", aggregate: "latest", window: { days: 1 } } as Criterion],
  action: { to: "previous" as const },
};

const cases: Case[] = [
  {
    name: "Achilles patient whose pain during loading reached exactly 5/10 under Silbernagel's inclusive limit passes the pain gate, and the boundary is flagged",
    input: () => input({ gates: [painDuringGate], logs: history(7, (i) => ({ painDuring: i === 3 ? 5 : 3 })) }),
    expect: {
      outcome: "advance",
      to: "three",
      checks: { pain_during: { status: "met", observed: 5 } },
      flags: ["boundary"],
    },
  },
  {
    name: "Patient at exactly 5/10 during loading under an exclusive 5/10 limit holds, and the boundary is flagged",
    input: () =>
      input({
        gates: [painDuringGate],
        painModel: { inclusive: false },
        logs: history(7, (i) => ({ painDuring: i === 6 ? 5 : 2 })),
      }),
    expect: { outcome: "hold", checks: { pain_during: { status: "not_met", observed: 5 } }, flags: ["boundary"] },
  },
  {
    name: "Patient whose pain during loading went to 6/10 this week holds under a ≤ 5/10 limit, with no boundary flag",
    input: () => input({ gates: [painDuringGate], logs: history(7, (i) => ({ painDuring: i === 2 ? 6 : 3 })) }),
    expect: { outcome: "hold", checks: { pain_during: { status: "not_met", observed: 6 } }, noFlags: ["boundary"] },
  },
  {
    name: "Patient who logged sessions but no pain-during scores is held, and the check names the missing scores",
    input: () => input({ gates: [painDuringGate], logs: history(7) }),
    expect: { outcome: "hold", checks: { pain_during: { status: "no_data", missing: /pain during exercise scores/ } } },
  },
  {
    name: "Pain scores from before the stage began do not count toward the new stage's pain gate",
    input: () =>
      input({
        gates: [painDuringGate],
        plan: { stageEnteredOn: TODAY },
        logs: history(7, (i) => (i < 6 ? { painDuring: 2 } : {})),
      }),
    expect: { outcome: "hold", checks: { pain_during: { status: "no_data" } } },
  },
  {
    name: "Achilles patient whose latest session hurt 7/10 during loading regresses to the previous stage",
    input: () =>
      input({
        gates: [painDuringGate],
        regressRules: [painDuringRegress],
        logs: history(3, (i) => ({ painDuring: i === 2 ? 7 : 2 })),
      }),
    expect: { outcome: "regress", to: "one", checks: { "pain_spike.during": { status: "met", observed: 7 } } },
  },
  {
    name: "Pain exactly at the inclusive limit does not trigger the pain regress rule, and the boundary is flagged",
    input: () =>
      input({
        regressRules: [painDuringRegress],
        gates: [painDuringGate],
        logs: history(3, () => ({ painDuring: 5 })),
      }),
    expect: {
      outcome: "advance",
      checks: { "pain_spike.during": { status: "not_met", observed: 5 } },
      flags: ["boundary"],
    },
  },
  {
    name: "Under an exclusive limit, pain exactly at 5/10 already triggers the regress rule",
    input: () =>
      input({
        painModel: { inclusive: false },
        regressRules: [painDuringRegress],
        logs: history(3, () => ({ painDuring: 5 })),
      }),
    expect: { outcome: "regress", to: "one", checks: { "pain_spike.during": { status: "met", observed: 5 } } },
  },
  {
    name: "Return to running waits until hop pain is below 2/10 (Praet): a hop-test score of 1 passes",
    input: () =>
      input({
        gates: [
          {
            id: "hop_pain",
            kind: "pain",
            metric: "test",
            test: "hop",
            aggregate: "latest",
            window: { days: 7 },
            comparator: "lt",
            threshold: 2,
          },
        ],
        logs: [log(addDays(TODAY, -2), { testPain: { hop: 3 } }), log(TODAY, { testPain: { hop: 1 } })],
      }),
    expect: { outcome: "advance", checks: { hop_pain: { status: "met", observed: 1 } } },
  },
  {
    name: "Patellar patient who only did the decline-squat test has no data for a hop-pain gate",
    input: () =>
      input({
        gates: [
          {
            id: "hop_pain",
            kind: "pain",
            metric: "test",
            test: "hop",
            aggregate: "latest",
            window: { days: 7 },
            comparator: "lt",
            threshold: 2,
          },
        ],
        logs: [log(TODAY, { testPain: { decline_squat: 3 } })],
      }),
    expect: { outcome: "hold", checks: { hop_pain: { status: "no_data", missing: /hop test/ } } },
  },
  {
    name: "A pain gate asking for three scores holds when only two were logged",
    input: () =>
      input({
        gates: [{ ...painDuringGate, minSamples: 3 }],
        logs: [log(addDays(TODAY, -1), { painDuring: 1 }), log(TODAY, { painDuring: 1 })],
      }),
    expect: { outcome: "hold", checks: { pain_during: { status: "no_data", missing: /3 .* \(have 2\)/ } } },
  },
  {
    name: "Mean pain at rest over a week below 2/10 passes (mean, not worst day)",
    input: () =>
      input({
        gates: [
          {
            id: "rest",
            kind: "pain",
            metric: "at_rest",
            aggregate: "mean",
            window: { days: 7 },
            comparator: "lt",
            threshold: 2,
          },
        ],
        logs: history(7, (i) => ({ painAtRest: i === 0 ? 4 : 1 })),
      }),
    expect: { outcome: "advance", checks: { rest: { status: "met", observed: 1.428571 } } },
  },
];

describe("pain limits", () => {
  it.each(cases)("$name", ({ input: make, expect: e }) => verify(evaluate(make()), e));

  it("Next-morning pain over the last sessions is read from the report logged the morning after each session", () => {
    // Sessions on D-4 and D-2; morning reports on D-3 (after D-4) and D-1 (after D-2). Today's session has no report yet.
    const d = (n: number) => addDays(TODAY, n);
    const decision = evaluate(
      input({
        gates: [
          {
            id: "morning",
            kind: "pain",
            metric: "next_morning",
            aggregate: "max",
            window: { sessions: 2 },
            comparator: "lte",
            threshold: 2,
          },
        ],
        logs: [
          log(d(-4)),
          log(d(-3), { sessionDone: "none", morningPain: 2 }),
          log(d(-2)),
          log(d(-1), { sessionDone: "none", morningPain: 1 }),
          log(d(0), { morningPain: 6 }), // the morning of today: response to no session (d-1 was a rest day)
        ],
      }),
    );
    const c = checkOf(decision, "morning");
    expect(c.status).toBe("met");
    expect(c.observed).toBe(2);
    expect(c.clinicianText).toContain(d(-4));
  });
});
