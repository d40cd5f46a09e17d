import { describe, expect, it } from "vitest";
import { addDays, evaluate } from "~/engine";
import type { Criterion, RegressRule } from "~/engine";
import { checkOf, history, input, log, TODAY, verify, type Case } from "./helpers";

const d = (n: number) => addDays(TODAY, n);
const noSwelling: Criterion = {
  id: "swelling",
  kind: "swelling",
  aggregate: "max",
  window: { days: 7 },
  comparator: "lte",
  grade: "trace",
};
const effusionHold: RegressRule = {
  id: "effusion_2plus",
  label: "Effusion 2+: hold and treat",
  criteria: [
    { id: "effusion", kind: "swelling", aggregate: "latest", window: { days: 2 }, comparator: "gte", grade: "2+" },
  ],
  action: { to: "stay", loadReductionPercent: 50 },
};
const noSoreness: Criterion = {
  id: "no_soreness",
  kind: "soreness",
  aggregate: "latest",
  window: { sessions: 1 },
  levels: ["none"],
};
const sorePersisted: RegressRule = {
  id: "sore_through_warmup",
  label: "Sore through warm-up: stop, 2 days off, drop a level",
  criteria: [
    { id: "persisted", kind: "soreness", aggregate: "latest", window: { sessions: 1 }, levels: ["warmup_persisted"] },
  ],
  action: { to: "previous" },
  restDays: 2,
  patientAdvice: "Stop today's session.",
};
const examClear: Criterion = {
  id: "exam_clear",
  kind: "signoff",
  itemId: "clinical_exam_clear",
  prompt: "Clinical exam shows no signs of injury",
};

const cases: Case[] = [
  {
    name: "ACL patient with at most trace swelling this week passes the swelling gate and raises no effusion flag",
    input: () => input({ gates: [noSwelling], logs: history(7, (i) => ({ swelling: i === 2 ? "trace" : "none" })) }),
    expect: { outcome: "advance", checks: { swelling: { status: "met", observed: "trace" } }, noFlags: ["effusion"] },
  },
  {
    name: "ACL patient with 1+ effusion this week holds at the level and the clinician sees an effusion flag",
    input: () => input({ gates: [noSwelling], logs: history(7, (i) => ({ swelling: i === 5 ? "1+" : "none" })) }),
    expect: { outcome: "hold", checks: { swelling: { status: "not_met", observed: "1+" } }, flags: ["effusion"] },
  },
  {
    name: "Effusion 2+ triggers hold-and-treat (stay with half the load) and a high-severity effusion flag",
    input: () =>
      input({
        gates: [noSwelling],
        regressRules: [effusionHold],
        logs: history(3, (i) => ({ swelling: i === 2 ? "2+" : "none" })),
      }),
    expect: {
      outcome: "regress",
      to: "two",
      checks: { "effusion_2plus.effusion": { status: "met", observed: "2+" } },
      flags: ["effusion"],
    },
  },
  {
    name: "A week without any swelling grade logged cannot pass the swelling gate",
    input: () => input({ gates: [noSwelling], logs: history(7) }),
    expect: { outcome: "hold", checks: { swelling: { status: "no_data" } } },
  },
  {
    name: "Delaware: no soreness after the latest session allows the advance",
    input: () =>
      input({ gates: [noSoreness], regressRules: [sorePersisted], logs: history(3, () => ({ soreness: "none" })) }),
    expect: {
      outcome: "advance",
      checks: {
        no_soreness: { status: "met", observed: "none" },
        "sore_through_warmup.persisted": { status: "not_met" },
      },
    },
  },
  {
    name: "Delaware: soreness that went away during warm-up means repeat the session (hold)",
    input: () =>
      input({
        gates: [noSoreness],
        regressRules: [sorePersisted],
        logs: history(3, (i) => ({ soreness: i === 2 ? "warmup_resolved" : "none" })),
      }),
    expect: { outcome: "hold", checks: { no_soreness: { status: "not_met", observed: "warmup_resolved" } } },
  },
  {
    name: "Delaware: soreness that persisted through warm-up drops one level with 2 days off",
    input: () =>
      input({
        gates: [noSoreness],
        regressRules: [sorePersisted],
        logs: history(3, (i) => ({ soreness: i === 2 ? "warmup_persisted" : "none" })),
      }),
    expect: {
      outcome: "regress",
      to: "one",
      checks: { "sore_through_warmup.persisted": { status: "met", observed: "warmup_persisted" } },
    },
  },
  {
    name: "Delaware: soreness more than an hour after means a day off and repeat (hold, not regress)",
    input: () =>
      input({
        gates: [noSoreness],
        regressRules: [sorePersisted],
        logs: history(3, (i) => ({ soreness: i === 2 ? "after_1h_or_next_day" : "none" })),
      }),
    expect: {
      outcome: "hold",
      checks: { no_soreness: { status: "not_met" }, "sore_through_warmup.persisted": { status: "not_met" } },
    },
  },
  {
    name: "Hamstring patient awaiting 'clinical exam clear' holds until the clinician signs it off, and the check asks the clinician",
    input: () => input({ gates: [examClear] }),
    expect: { outcome: "hold", checks: { exam_clear: { status: "no_data", missing: /sign-off/ } } },
  },
  {
    name: "Clinical exam signed off in this stage passes the sign-off gate",
    input: () =>
      input({ gates: [examClear], signoffs: [{ itemId: "clinical_exam_clear", date: d(-1), clinicianId: "c1" }] }),
    expect: { outcome: "advance", checks: { exam_clear: { status: "met", observed: true } } },
  },
  {
    name: "A sign-off given before the patient entered this stage does not carry over",
    input: () =>
      input({
        gates: [examClear],
        plan: { stageEnteredOn: d(-3) },
        signoffs: [{ itemId: "clinical_exam_clear", date: d(-10) }],
      }),
    expect: { outcome: "hold", checks: { exam_clear: { status: "no_data" } } },
  },
  {
    name: "An H-test sign-off older than its 7-day validity must be repeated (Askling: retest after extended rehab)",
    input: () =>
      input({
        gates: [
          {
            id: "h_test",
            kind: "signoff",
            itemId: "h_test_no_insecurity",
            prompt: "H-test without insecurity",
            validDays: 7,
          },
        ],
        signoffs: [{ itemId: "h_test_no_insecurity", date: d(-7) }],
      }),
    expect: { outcome: "hold", checks: { h_test: { status: "no_data" } } },
  },
];

describe("swelling, soreness and clinician sign-off", () => {
  it.each(cases)("$name", ({ input: make, expect: e }) => verify(evaluate(make()), e));

  it("The sign-off check is marked as awaiting the clinician and tells the patient who will check it", () => {
    const c = checkOf(evaluate(input({ gates: [examClear] })), "exam_clear");
    expect(c.awaitingClinician).toBe(true);
    expect(c.patientText).toContain("Your clinician will check this with you");
  });

  it("Delaware regress carries the rest days and the patient's advice into the decision", () => {
    const decision = evaluate(
      input({ regressRules: [sorePersisted], logs: [log(TODAY, { soreness: "warmup_persisted" })] }),
    );
    expect(decision.regress).toMatchObject({
      ruleId: "sore_through_warmup",
      restDays: 2,
      patientAdvice: "Stop today's session.",
    });
    expect(decision.patientSummary).toContain("2 rest days");
  });
});
