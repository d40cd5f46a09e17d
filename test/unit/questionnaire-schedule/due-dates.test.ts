import { describe, expect, it } from "vitest";
import { ProgramSchema, type Criterion, type Program } from "~/engine/index.ts";
import { questionnairesDue, type ScheduleProgram, type SchedulePlanFacts } from "~/engine/questionnaire-schedule.ts";
import { loadBuiltInProgram } from "~/programs/index.ts";

// Fixed dates: the schedule never reads the clock.
const START = "2026-03-01";

const plan = (over: Partial<SchedulePlanFacts> = {}): SchedulePlanFacts => ({
  status: "active",
  startDate: START,
  currentStageId: "loading",
  stageEnteredOn: START,
  ...over,
});

const visaGate = (over: Partial<Extract<Criterion, { kind: "questionnaire" }>> = {}): Criterion => ({
  id: "visa_a_80",
  kind: "questionnaire",
  instrument: "visa_a",
  mode: "absolute",
  comparator: "gte",
  threshold: 80,
  maxAgeDays: 14,
  ...over,
});

const program = (
  schedule: ScheduleProgram["questionnaireSchedule"],
  gates: Criterion[] = [],
  minDays = 28,
): ScheduleProgram => ({ questionnaireSchedule: schedule, stages: [{ id: "loading", minDays, gates }] });

const visa = (date: string) => ({ date, measure: "visa_a" });

describe("a questionnaire asked for every N days", () => {
  const every28 = program([{ instrument: "visa_a", everyDays: 28 }]);

  it("is first due N days after the plan started, and overdue three days later", () => {
    expect(questionnairesDue(every28, plan(), [], "2026-03-28")).toEqual([]);
    expect(questionnairesDue(every28, plan(), [], "2026-03-29")).toEqual([
      { instrument: "visa_a", dueOn: "2026-03-29", overdue: false, reason: "every_days" },
    ]);
    expect(questionnairesDue(every28, plan(), [], "2026-04-01")[0]).toMatchObject({ overdue: true });
  });

  it("is not due when done recently: the next one counts from the latest score", () => {
    const scores = [visa("2026-03-05"), visa("2026-03-27")];
    expect(questionnairesDue(every28, plan(), scores, "2026-04-10")).toEqual([]);
    expect(questionnairesDue(every28, plan(), scores, "2026-04-24")).toEqual([
      { instrument: "visa_a", dueOn: "2026-04-24", overdue: false, reason: "every_days" },
    ]);
  });

  it("ignores other questionnaires' scores and scores dated after today", () => {
    const scores = [{ date: "2026-03-20", measure: "lefs" }, visa("2026-04-02")];
    expect(questionnairesDue(every28, plan(), scores, "2026-03-30")).toMatchObject([{ dueOn: "2026-03-29" }]);
  });
});

describe("a questionnaire asked for ahead of a gate that needs it", () => {
  const beforeGate = (gate = visaGate(), minDays = 28) =>
    program([{ instrument: "visa_a", beforeGate: true }], [gate], minDays);

  it("is due three days (ours) before the stage's minimum days are reached, overdue on the gate's day", () => {
    expect(questionnairesDue(beforeGate(), plan(), [], "2026-03-25")).toEqual([]);
    expect(questionnairesDue(beforeGate(), plan(), [], "2026-03-26")).toEqual([
      { instrument: "visa_a", dueOn: "2026-03-26", overdue: false, reason: "before_gate", gateId: "visa_a_80" },
    ]);
    expect(questionnairesDue(beforeGate(), plan(), [], "2026-03-29")[0]).toMatchObject({ overdue: true });
  });

  it("takes the lead time the program gives", () => {
    const p = program([{ instrument: "visa_a", beforeGate: true, leadDays: 7 }], [visaGate()], 28);
    expect(questionnairesDue(p, plan(), [], "2026-03-22")).toMatchObject([{ dueOn: "2026-03-22", overdue: false }]);
    // Overdue three days after it fell due would be before the gate's day: the gate's day decides.
    expect(questionnairesDue(p, plan(), [], "2026-03-28")).toMatchObject([{ overdue: false }]);
    expect(questionnairesDue(p, plan(), [], "2026-03-29")).toMatchObject([{ overdue: true }]);
  });

  it("is not due while a recent score is young enough for the gate, and due again as it grows too old", () => {
    const scores = [visa("2026-03-27")];
    expect(questionnairesDue(beforeGate(), plan(), scores, "2026-03-29")).toEqual([]);
    // 14 days old is the last day the gate counts it (2026-04-10); due three days before it stops counting.
    expect(questionnairesDue(beforeGate(), plan(), scores, "2026-04-07")).toEqual([]);
    expect(questionnairesDue(beforeGate(), plan(), scores, "2026-04-08")).toMatchObject([
      { dueOn: "2026-04-08", overdue: false },
    ]);
    expect(questionnairesDue(beforeGate(), plan(), scores, "2026-04-11")).toMatchObject([{ overdue: true }]);
  });

  it("asks for a new score before the gate's day when the one there will be too old by then", () => {
    const scores = [visa("2026-03-02")];
    expect(questionnairesDue(beforeGate(), plan(), scores, "2026-03-26")).toMatchObject([
      { dueOn: "2026-03-26", reason: "before_gate" },
    ]);
  });

  it("counts only scores in a stage-scoped gate's stage", () => {
    const gate = visaGate({ scope: "stage", maxAgeDays: undefined });
    const inStage = plan({ stageEnteredOn: "2026-03-10" });
    expect(questionnairesDue(beforeGate(gate, 7), inStage, [visa("2026-03-05")], "2026-03-14")).toMatchObject([
      { dueOn: "2026-03-14" },
    ]);
    expect(questionnairesDue(beforeGate(gate, 7), inStage, [visa("2026-03-11")], "2026-03-20")).toEqual([]);
  });

  it("wants the baseline of a change gate at once, then a second score ahead of the gate", () => {
    const gate = visaGate({ mode: "change_from_baseline", threshold: 13, maxAgeDays: undefined });
    expect(questionnairesDue(beforeGate(gate), plan(), [], START)).toMatchObject([{ dueOn: START }]);
    expect(questionnairesDue(beforeGate(gate), plan(), [visa(START)], "2026-03-20")).toEqual([]);
    expect(questionnairesDue(beforeGate(gate), plan(), [visa(START)], "2026-03-26")).toMatchObject([
      { dueOn: "2026-03-26" },
    ]);
  });

  it("is not due when the current stage has no gate on that questionnaire", () => {
    const p = program([{ instrument: "visa_a", beforeGate: true }], [visaGate({ instrument: "lefs" })]);
    expect(questionnairesDue(p, plan(), [], "2026-04-30")).toEqual([]);
  });

  it("with a repeat interval as well, reports the earlier of the two once", () => {
    const p = program([{ instrument: "visa_a", everyDays: 14, beforeGate: true }], [visaGate()]);
    expect(questionnairesDue(p, plan(), [], "2026-03-27")).toEqual([
      { instrument: "visa_a", dueOn: "2026-03-15", overdue: true, reason: "every_days" },
    ]);
  });
});

describe("a plan that is not running", () => {
  it("has nothing due while paused, discharged or completed", () => {
    const p = program([{ instrument: "visa_a", everyDays: 7 }]);
    for (const status of ["paused", "discharged", "completed"] as const)
      expect(questionnairesDue(p, plan({ status }), [], "2026-05-01")).toEqual([]);
    expect(questionnairesDue(p, plan(), [], "2026-05-01")).toHaveLength(1);
  });
});

describe("the program schema's questionnaireSchedule", () => {
  const base = loadBuiltInProgram("achilles-silbernagel-2007")!;
  const withSchedule = (schedule: unknown) => ProgramSchema.safeParse({ ...base, questionnaireSchedule: schedule });

  it("accepts a schedule and keeps it", () => {
    const parsed = withSchedule([{ instrument: "visa_a", everyDays: 42, beforeGate: true, leadDays: 5 }]);
    expect(parsed.success).toBe(true);
    expect((parsed.data as Program).questionnaireSchedule).toEqual([
      { instrument: "visa_a", everyDays: 42, beforeGate: true, leadDays: 5 },
    ]);
  });

  it("refuses an entry that never falls due, one scheduled twice, and one a patient cannot fill in", () => {
    const messages = (schedule: unknown) => {
      const parsed = withSchedule(schedule);
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(messages([{ instrument: "visa_a" }])).toEqual([
      "questionnaireSchedule.0: say when it is due: every N days, ahead of a gate, or both",
    ]);
    expect(
      messages([
        { instrument: "lefs", everyDays: 7 },
        { instrument: "lefs", everyDays: 14 },
      ]),
    ).toEqual(["questionnaireSchedule.1.instrument: 'lefs' is scheduled twice"]);
    expect(messages([{ instrument: "koos_adl", everyDays: 7 }])[0]).toMatch(/^questionnaireSchedule\.0\.instrument/);
    expect(messages([{ instrument: "visa_a", everyDays: 7, source: { citationIds: ["nobody-1999"] } }])).toEqual([
      "questionnaireSchedule.0.source.citationIds: unknown citation 'nobody-1999'",
    ]);
  });
});
