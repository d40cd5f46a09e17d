/**
 * adherenceOver: the adherence figure the app shows (the patient's Progress page) and counts (triage) must be the
 * figure the adherence gate judges. Each case computes both from the same history and compares them, plus the
 * expected number so that a shared mistake cannot pass either.
 */
import { describe, expect, it } from "vitest";
import { addDays, adherenceOver, countSessions, creditedSessions, evaluate, stageAdherenceRule } from "~/engine";
import type { AdherenceCriterion, DailyLogFact, EvaluationInput } from "~/engine";
import { checkOf, history, input, log, TODAY } from "./helpers";

const d = (n: number) => addDays(TODAY, n);

function gate(extra: Partial<AdherenceCriterion> = {}): AdherenceCriterion {
  return { id: "adherence", kind: "adherence", windowDays: 14, threshold: 80, ...extra };
}

/**
 * The gate's observed value and adherenceOver's percent for the same history, stage and criterion, with the rule the
 * app reads: that of the stage's adherence gate (`criterion`, the only one).
 */
function both(criterion: AdherenceCriterion, i: EvaluationInput) {
  const stage = i.program.stages.find((s) => s.id === i.plan.currentStageId)!;
  expect(stage.gates.filter((g) => g.kind === "adherence")).toEqual([criterion]);
  const reading = adherenceOver(i.logs, stageAdherenceRule(stage, 0), { today: i.today, plan: i.plan });
  return { gate: checkOf(evaluate(i), criterion.id).observed, figure: reading.percent, reading };
}

describe("adherenceOver gives the adherence gate's own figure", () => {
  it("patient who did 12 of 14 daily sessions reads 85.7 % on the page, as the gate judges it", () => {
    const c = gate();
    const r = both(
      c,
      input({ gates: [c], logs: history(14, (i) => ({ sessionDone: i === 3 || i === 9 ? "none" : "done" })) }),
    );
    expect(r).toMatchObject({ gate: 85.714286, figure: 85.714286 });
    expect(r.reading).toMatchObject({ days: 14, done: 12, partial: 0, prescribed: 14, clipped: false });
  });

  it("a stage entered 3 days ago is judged on those 3 days only, not on the previous stage's fortnight", () => {
    const c = gate();
    const r = both(
      c,
      input({
        gates: [c],
        plan: { stageEnteredOn: d(-2) },
        logs: history(14, (k) => ({ sessionDone: k < 11 ? "none" : "done" })),
      }),
    );
    expect(r).toMatchObject({ gate: 100, figure: 100 });
    expect(r.reading).toMatchObject({ days: 3, clipped: true, from: d(-2) });
  });

  it("a heavy-loading stage prescribed 3×/week: 5 sessions in 14 days is 83.3 %, not 5 of 14 days", () => {
    const c = gate();
    const i = input({
      gates: [c],
      logs: history(14, (k) => ({ sessionDone: [1, 4, 7, 10, 13].includes(k) ? "done" : "none" })),
    });
    i.program.stages[1]!.prescription.frequencyPerWeek = 3;
    expect(both(c, i)).toMatchObject({ gate: 83.333333, figure: 83.333333 });
  });

  it("a program that gives partly done sessions no credit is read the same way on the page", () => {
    const c = gate({ partialCredit: 0 });
    const r = both(c, input({ gates: [c], logs: history(14, (k) => ({ sessionDone: k < 7 ? "partial" : "done" })) }));
    expect(r).toMatchObject({ gate: 50, figure: 50 });
  });

  it("a patient who trained more often than prescribed reads over 100 %, uncapped, as the gate sees it", () => {
    const c = gate({ perWeek: 3 });
    const r = both(c, input({ gates: [c], logs: history(14) }));
    expect(r).toMatchObject({ gate: 233.333333, figure: 233.333333 });
  });

  it("plan scope reaches back across the stage change to the plan's start", () => {
    const c = gate({ scope: "plan" });
    const r = both(
      c,
      input({
        gates: [c],
        plan: { startDate: d(-9), stageEnteredOn: d(-2) },
        logs: history(10, (k) => ({ sessionDone: k % 2 ? "done" : "none" })),
      }),
    );
    expect(r).toMatchObject({ gate: 50, figure: 50 });
    expect(r.reading).toMatchObject({ days: 10, clipped: true });
  });

  it("no log at all in the window is no data (null), not 0 %", () => {
    const c = gate();
    const r = both(c, input({ gates: [c], logs: [log(d(-20))] }));
    expect(r).toMatchObject({ gate: null, figure: null });
  });
});

describe("session counting", () => {
  it("a day logged twice counts once, with the later entry (an edit), as the engine reads the history", () => {
    const logs: DailyLogFact[] = [
      log(d(-1), { sessionDone: "none" }),
      log(d(0), { sessionDone: "none" }),
      log(d(0), { sessionDone: "done" }),
    ];
    expect(countSessions(logs, d(-6), d(0))).toEqual({ logged: 2, done: 1, partial: 0 });
  });

  it("a partly done session earns the default half credit", () => {
    expect(
      creditedSessions(
        { done: 3, partial: 2 },
        stageAdherenceRule({ gates: [], prescription: { exercises: [] } }, 7).partialCredit,
      ),
    ).toBe(4);
  });
});
