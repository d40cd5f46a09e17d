import { describe, expect, it } from "vitest";
import { addDays, ENGINE_VERSION, EngineInputError, evaluate } from "~/engine";
import type { Criterion, RegressRule } from "~/engine";
import { history, input, log, TODAY, verify, type Case } from "./helpers";

const d = (n: number) => addDays(TODAY, n);
const painGate: Criterion = {
  id: "pain_during",
  kind: "pain",
  metric: "during",
  aggregate: "max",
  window: { days: 7 },
};
const spike = (action: RegressRule["action"], id = "spike", threshold = 5): RegressRule => ({
  id,
  label: `Pain during above ${threshold}/10`,
  criteria: [
    {
      id: "during",
      kind: "pain",
      metric: "during",
      aggregate: "max",
      window: { days: 3 },
      comparator: "gt",
      threshold,
    },
  ],
  action,
});

const cases: Case[] = [
  {
    name: "Patient in the middle stage who meets every gate advances to the next stage",
    input: () => input({ gates: [painGate], logs: history(7, () => ({ painDuring: 2 })) }),
    expect: { outcome: "advance", to: "three" },
  },
  {
    name: "Patient who meets every gate of the final stage completes the program",
    input: () =>
      input({ plan: { currentStageId: "three" }, lastGates: [painGate], logs: history(7, () => ({ painDuring: 1 })) }),
    expect: { outcome: "complete", to: "three" },
  },
  {
    name: "Safety first: a regress rule fires even when every gate is met, and the disagreement is flagged",
    input: () =>
      input({
        gates: [{ id: "t", kind: "time", from: "stage_entry", days: 1 }],
        regressRules: [spike({ to: "previous" })],
        logs: history(3, () => ({ painDuring: 6 })),
      }),
    expect: { outcome: "regress", to: "one", flags: ["regress_despite_gates"] },
  },
  {
    name: "No flip-flopping: 3 days after a regress the patient holds even though every gate is met",
    input: () =>
      input({
        gates: [painGate],
        plan: { lastRegressOn: d(-3), stageEnteredOn: d(-3) },
        logs: history(3, () => ({ painDuring: 1 })),
      }),
    expect: {
      outcome: "hold",
      checks: { after_regress: { status: "not_met", observed: 3 }, pain_during: { status: "met" } },
    },
  },
  {
    name: "After the 7-day stay that follows a regress, met gates advance the patient again",
    input: () =>
      input({
        gates: [painGate],
        plan: { lastRegressOn: d(-7), stageEnteredOn: d(-7) },
        logs: history(7, () => ({ painDuring: 1 })),
      }),
    expect: { outcome: "advance", checks: { after_regress: { status: "met", observed: 7 } } },
  },
  {
    name: "A program can shorten the post-regress stay (minDaysAfterRegress 2)",
    input: () =>
      input({
        gates: [painGate],
        minDaysAfterRegress: 2,
        plan: { lastRegressOn: d(-2), stageEnteredOn: d(-2) },
        logs: history(3, () => ({ painDuring: 1 })),
      }),
    expect: { outcome: "advance", checks: { after_regress: { status: "met", observed: 2 } } },
  },
  {
    name: "A stay-with-less-load regress also starts the no-flip-flop stay, though the stage was entered weeks earlier",
    input: () =>
      input({
        gates: [painGate],
        plan: { lastRegressOn: d(-1), stageEnteredOn: d(-30) },
        logs: history(7, () => ({ painDuring: 1 })),
      }),
    expect: { outcome: "hold", checks: { after_regress: { status: "not_met", observed: 1 } } },
  },
  {
    name: "The pain that already caused yesterday's regress does not cause a second regress today (no cascade)",
    input: () =>
      input({
        regressRules: [spike({ to: "previous" })],
        plan: { lastRegressOn: d(-1), stageEnteredOn: d(-1) },
        logs: [log(d(-2), { painDuring: 7 }), log(d(-1), { painDuring: 7 }), log(d(0), { painDuring: 3 })],
      }),
    expect: { outcome: "hold", checks: { "spike.during": { status: "not_met", observed: 3 } } },
  },
  {
    name: "When two regress rules fire, the one going furthest back wins and the clinician is told both fired",
    input: () =>
      input({
        plan: { currentStageId: "three" },
        regressRules: [],
        program: (() => {
          const p = input().program;
          p.stages[2]!.regressRules = [
            spike({ to: "stay", loadReductionPercent: 20 }, "mild"),
            spike({ to: "back", steps: 2 }, "severe", 6),
          ];
          return p;
        })(),
        logs: history(3, () => ({ painDuring: 8 })),
      }),
    expect: { outcome: "regress", to: "one", flags: ["multiple_regress_rules", "red_flag_pain"] },
  },
  {
    name: "A 'previous stage' regress on the first stage keeps the patient there and says so",
    input: () =>
      input({
        plan: { currentStageId: "one" },
        program: (() => {
          const p = input().program;
          p.stages[0]!.regressRules = [spike({ to: "previous", loadReductionPercent: 30 })];
          return p;
        })(),
        logs: history(2, () => ({ painDuring: 6 })),
      }),
    expect: { outcome: "regress", to: "one", flags: ["first_stage_regress"] },
  },
  {
    name: "A regress rule can name its target stage explicitly",
    input: () =>
      input({
        plan: { currentStageId: "three" },
        program: (() => {
          const p = input().program;
          p.stages[2]!.regressRules = [spike({ to: "stage", stageId: "one" })];
          return p;
        })(),
        logs: history(2, () => ({ painDuring: 6 })),
      }),
    expect: { outcome: "regress", to: "one" },
  },
  {
    name: "A regress rule needing all of its criteria does not fire on one of two",
    input: () =>
      input({
        regressRules: [
          {
            ...spike({ to: "previous" }),
            when: "all",
            criteria: [
              spike({ to: "previous" }).criteria[0]!,
              {
                id: "swollen",
                kind: "swelling",
                aggregate: "latest",
                window: { days: 3 },
                comparator: "gte",
                grade: "2+",
              },
            ],
          },
        ],
        logs: history(3, () => ({ painDuring: 6, swelling: "trace" })),
      }),
    expect: { outcome: "hold", checks: { "spike.during": { status: "met" }, "spike.swollen": { status: "not_met" } } },
  },
  {
    name: "Missing data never triggers a regress rule: no pain logged means no regress",
    input: () => input({ regressRules: [spike({ to: "previous" })], logs: history(3) }),
    expect: { outcome: "hold", checks: { "spike.during": { status: "no_data" } } },
  },
  {
    name: "A stage with no gates and no minimum days holds and tells the clinician to decide",
    input: () => input(),
    expect: { outcome: "hold", flags: ["no_gates"] },
  },
  {
    name: "Pain at the red-flag level (8/10) two days ago is flagged high and holds an advance the gates allow",
    input: () =>
      input({
        gates: [{ id: "t", kind: "time", from: "stage_entry", days: 1 }],
        logs: [log(d(-2), { painAtRest: 8 })],
      }),
    expect: { outcome: "hold", flags: ["red_flag_pain"], checks: { no_recent_red_flag: { status: "not_met" } } },
  },
  {
    name: "A gate that accepts more pain than the program's pain model is flagged as conflicting",
    input: () =>
      input({ gates: [{ ...painGate, comparator: "lte", threshold: 7 }], logs: history(7, () => ({ painDuring: 2 })) }),
    expect: { outcome: "advance", flags: ["conflicting_rules"] },
  },
  {
    name: "Logs dated after today are ignored and reported, so a wrong clock on a phone cannot pass a gate",
    input: () => input({ gates: [{ ...painGate, window: { days: 1 } }], logs: [log(d(1), { painDuring: 1 })] }),
    expect: { outcome: "hold", checks: { pain_during: { status: "no_data" } }, flags: ["future_data_ignored"] },
  },
  {
    name: "An edited log for the same day replaces the earlier one",
    input: () =>
      input({
        gates: [{ ...painGate, window: { days: 1 } }],
        logs: [log(TODAY, { painDuring: 7 }), log(TODAY, { painDuring: 3 })],
      }),
    expect: { outcome: "advance", checks: { pain_during: { status: "met", observed: 3 } } },
  },
];

describe("outcomes and rule order", () => {
  it.each(cases)("$name", ({ input: make, expect: e }) => verify(evaluate(make()), e));

  it("The decision records the engine version, program id and version, and the date it is for", () => {
    const decision = evaluate(input({ gates: [painGate] }));
    expect(decision).toMatchObject({
      engineVersion: ENGINE_VERSION,
      programId: "test-achilles",
      programVersion: 3,
      evaluatedFor: TODAY,
      fromStageId: "two",
    });
  });

  it("Regress checks come before gate checks, and every check says whether it is a gate or a regress rule", () => {
    const decision = evaluate(
      input({
        gates: [painGate],
        regressRules: [spike({ to: "previous" })],
        logs: history(3, () => ({ painDuring: 2 })),
      }),
    );
    expect(decision.checks.map((c) => `${c.role}:${c.id}`)).toEqual([
      "regress:spike.during",
      "gate:recent_data",
      "gate:no_recent_red_flag",
      "gate:pain_during",
    ]);
  });

  it("A plan pointing at a stage the program does not have is refused with a clear error", () => {
    expect(() => evaluate(input({ plan: { currentStageId: "nope" } }))).toThrow(EngineInputError);
    expect(() => evaluate(input({ plan: { currentStageId: "nope" } }))).toThrow(
      /'nope' is not a stage of program 'test-achilles' v3/,
    );
  });
});

describe("the clinician's summary reads as the program does", () => {
  it("A physio scanning the triage sees the stage by name and the unmet gates by their labels, never by ids", () => {
    const gates: Criterion[] = [
      { id: "min_days", kind: "time", from: "stage_entry", days: 28, label: "At least 28 days in this stage" },
      { ...painGate, label: "Pain during sessions at most 5/10" },
    ];
    const decision = evaluate(
      input({ gates, plan: { stageEnteredOn: d(-3) }, logs: history(3, () => ({ painDuring: 2 })) }),
    );
    expect(decision.outcome).toBe("hold");
    expect(decision.clinicianSummary).toBe(
      "Hold in Stage two: 3 of 4 gates met. Not met: At least 28 days in this stage.",
    );
    expect(decision.clinicianSummary).not.toContain("min_days");
  });

  it("A regress names where the patient goes, the rule by its label and what was observed", () => {
    const decision = evaluate(
      input({ regressRules: [spike({ to: "previous" })], logs: history(3, () => ({ painDuring: 7 })) }),
    );
    expect(decision.outcome).toBe("regress");
    expect(decision.clinicianSummary).toMatch(
      /^Regress from Stage two to Stage one by the rule "Pain during above 5\/10"\. .*observed 7\./,
    );
  });

  it("Flags are named in words in the summary (the flag list keeps the full message)", () => {
    const decision = evaluate(
      input({
        gates: [{ id: "t", kind: "time", from: "stage_entry", days: 1 }],
        regressRules: [spike({ to: "previous" })],
        logs: history(3, () => ({ painDuring: 6 })),
      }),
    );
    expect(decision.clinicianSummary).toContain("Flags: regress rule met while the gates are met.");
  });
});
