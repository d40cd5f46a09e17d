import { describe, it } from "vitest";
import { addDays, evaluate } from "~/engine";
import type { Criterion } from "~/engine";
import { history, input, log, TODAY, verify, type Case } from "./helpers";

const d = (n: number) => addDays(TODAY, n);
const adherence80: Criterion = { id: "adherence", kind: "adherence", windowDays: 14, threshold: 80 };
const walkRunTwice: Criterion = {
  id: "phase_done_twice",
  kind: "repetitions",
  count: 2,
  conditions: { minRunningMinutes: 20, maxPainDuring: 2, maxNextMorningPain: 2, maxSwelling: "trace" },
  restDayBetween: true,
};

const cases: Case[] = [
  {
    name: "Patient who did 12 of 14 daily sessions (86 %) meets an 80 % adherence gate",
    input: () =>
      input({
        gates: [adherence80],
        logs: history(14, (i) => ({ sessionDone: i === 3 || i === 9 ? "none" : "done" })),
      }),
    expect: { outcome: "advance", checks: { adherence: { status: "met", observed: 85.714286 } } },
  },
  {
    name: "Partly done sessions count half: 10 done and 4 partial of 14 is 85.7 %",
    input: () =>
      input({
        gates: [adherence80],
        logs: history(14, (i) => ({ sessionDone: i % 4 === 0 && i > 0 ? "partial" : i === 0 ? "partial" : "done" })),
      }),
    expect: { outcome: "advance", checks: { adherence: { status: "met", observed: 85.714286 } } },
  },
  {
    name: "Heavy-loading stage prescribed 3×/week: 5 sessions in 14 days is 83 %",
    input: () => {
      const i = input({
        gates: [adherence80],
        logs: history(14, (k) => ({ sessionDone: [1, 4, 7, 10, 13].includes(k) ? "done" : "none" })),
      });
      i.program.stages[1]!.prescription.frequencyPerWeek = 3;
      return i;
    },
    expect: { outcome: "advance", checks: { adherence: { status: "met", observed: 83.333333 } } },
  },
  {
    name: "Adherence is only judged over the current stage: 3 of 3 days since entry is 100 %",
    input: () =>
      input({
        gates: [adherence80],
        plan: { stageEnteredOn: d(-2) },
        logs: history(14, (k) => ({ sessionDone: k < 11 ? "none" : "done" })),
      }),
    expect: { outcome: "advance", checks: { adherence: { status: "met", observed: 100 } } },
  },
  {
    name: "A patient who logged nothing for two weeks has no adherence data, not 0 % passed or failed",
    input: () => input({ gates: [adherence80], logs: [log(d(-20))] }),
    expect: { outcome: "hold", checks: { adherence: { status: "no_data", missing: /daily logs/ } } },
  },
  {
    name: "Achilles patient 5 days into a 14-day minimum stage holds, told 9 days are left",
    input: () => input({ minDays: 14, plan: { stageEnteredOn: d(-5) } }),
    expect: { outcome: "hold", checks: { min_days: { status: "not_met", observed: 5 } } },
  },
  {
    name: "Minimum days reached on exactly the 14th day in the stage allows the advance",
    input: () => input({ minDays: 14, plan: { stageEnteredOn: d(-14) } }),
    expect: { outcome: "advance", checks: { min_days: { status: "met", observed: 14 } } },
  },
  {
    name: "ACL return-to-sport gate of 9 months after surgery has no data when the surgery date is missing",
    input: () => input({ gates: [{ id: "nine_months", kind: "time", from: "surgery", days: 270 }] }),
    expect: { outcome: "hold", checks: { nine_months: { status: "no_data", missing: /surgery date/ } } },
  },
  {
    name: "ACL patient 280 days after surgery meets the 9-month gate (Grindem: risk falls with each month up to 9)",
    input: () =>
      input({
        gates: [{ id: "nine_months", kind: "time", from: "surgery", days: 270 }],
        plan: { surgeryDate: d(-280) },
      }),
    expect: { outcome: "advance", checks: { nine_months: { status: "met", observed: 280 } } },
  },
  {
    name: "Hamstring patient starts the L-protocol from about day 5 after injury: day 4 holds",
    input: () => input({ gates: [{ id: "day5", kind: "time", from: "injury", days: 5 }], plan: { injuryDate: d(-4) } }),
    expect: { outcome: "hold", checks: { day5: { status: "not_met", observed: 4 } } },
  },
  {
    name: "Walk-run phase completed twice, with a rest day between, pain ≤ 2 and no swelling, advances (Army protocol)",
    input: () =>
      input({
        gates: [walkRunTwice],
        plan: { stageEnteredOn: d(-5) },
        logs: [
          log(d(-4), { runningMinutes: 20, painDuring: 1, swelling: "none" }),
          log(d(-3), { sessionDone: "none", morningPain: 1 }),
          log(d(-2), { runningMinutes: 22, painDuring: 2, swelling: "trace" }),
          log(d(-1), { sessionDone: "none", morningPain: 0 }),
        ],
      }),
    expect: { outcome: "advance", checks: { phase_done_twice: { status: "met", observed: 2 } } },
  },
  {
    name: "Back-to-back run days do not count twice when a rest day between runs is required",
    input: () =>
      input({
        gates: [walkRunTwice],
        plan: { stageEnteredOn: d(-5) },
        logs: [
          log(d(-3), { runningMinutes: 20, painDuring: 1, swelling: "none", morningPain: 0 }),
          log(d(-2), { runningMinutes: 20, painDuring: 1, swelling: "none", morningPain: 0 }),
          log(d(-1), { sessionDone: "none", morningPain: 0 }),
        ],
      }),
    expect: { outcome: "hold", checks: { phase_done_twice: { status: "not_met", observed: 1 } } },
  },
  {
    name: "Today's run cannot count until tomorrow morning's pain report is in",
    input: () =>
      input({
        gates: [walkRunTwice],
        plan: { stageEnteredOn: d(-5) },
        logs: [
          log(d(-2), { runningMinutes: 20, painDuring: 1, swelling: "none" }),
          log(d(-1), { sessionDone: "none", morningPain: 1 }),
          log(d(0), { runningMinutes: 20, painDuring: 1, swelling: "none" }),
        ],
      }),
    expect: { outcome: "hold", checks: { phase_done_twice: { status: "not_met", observed: 1 } } },
  },
  {
    name: "A run followed by 1+ swelling does not count toward the phase (no advance with swelling)",
    input: () =>
      input({
        gates: [walkRunTwice],
        plan: { stageEnteredOn: d(-6) },
        logs: [
          log(d(-4), { runningMinutes: 20, painDuring: 1, swelling: "1+" }),
          log(d(-3), { sessionDone: "none", morningPain: 1 }),
          log(d(-2), { runningMinutes: 20, painDuring: 1, swelling: "none" }),
          log(d(-1), { sessionDone: "none", morningPain: 1 }),
        ],
      }),
    expect: { outcome: "hold", checks: { phase_done_twice: { status: "not_met", observed: 1 } } },
  },
  {
    name: "A walk-run stage with no sessions logged yet has no data for its repetition gate",
    input: () =>
      input({ gates: [walkRunTwice], plan: { stageEnteredOn: d(-1) }, logs: [log(d(-1), { sessionDone: "none" })] }),
    expect: { outcome: "hold", checks: { phase_done_twice: { status: "no_data" } } },
  },
];

describe("adherence, time and repetitions", () => {
  it.each(cases)("$name", ({ input: make, expect: e }) => verify(evaluate(make()), e));
});
