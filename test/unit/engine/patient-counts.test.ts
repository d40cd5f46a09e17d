import { describe, expect, it } from "vitest";
import { addDays, adherenceOver, stageAdherenceRule, type Criterion } from "~/engine";
import { checkOf, history, log, run, TODAY } from "./helpers";

// Counts the patient can follow (issue 14, item 6): a gate that counts only what was logged since the stage began
// says so, with how many so far; and today is not a missed session before the day is over.

const fivePainScores: Criterion = {
  id: "pain_during",
  kind: "pain",
  metric: "during",
  aggregate: "max",
  window: { days: 14 },
  minSamples: 5,
};

const adherenceGate: Criterion = { id: "adherence", kind: "adherence", windowDays: 14, threshold: 80 };

describe("counts since the stage began", () => {
  it("a patient who logged 4 pain scores since the stage began sees 4 of 5 since 3 Dec", () => {
    const today = "2026-12-07";
    // Ten days of pain scores, the last four (4–7 Dec) since the stage began on 3 Dec, the day it was earned.
    const decision = run({
      today,
      gates: [fivePainScores],
      plan: { stageEnteredOn: "2026-12-03", movedOn: "2026-12-03" },
      logs: history(10, () => ({ painDuring: 2 }), today),
    });
    const check = checkOf(decision, "pain_during");
    expect(check.status).toBe("no_data");
    expect(check.patientText).toBe(
      "4 of 5 pain during exercise scores since you started this stage on 3 Dec; with 5 we can check this " +
        "(goal: your highest pain during exercise in the last 14 days at or below 5/10).",
    );
    expect(check.missing).toBe("5 pain during exercise scores since 3 Dec (have 4)");
    expect(check.patientText).not.toMatch(/still need/i);
  });

  it("a patient new to the stage with nothing logged in it yet sees 0 of 5 since the stage began, not a plea for data", () => {
    const today = "2026-12-07";
    const decision = run({
      today,
      gates: [fivePainScores],
      plan: { stageEnteredOn: today, movedOn: today },
      logs: history(10, () => ({ painDuring: 2 }), today),
    });
    expect(checkOf(decision, "pain_during").patientText).toMatch(
      /^No pain during exercise scores yet since you started this stage on 7 Dec; with 5 we can check this/,
    );
  });

  it("a patient with 4 of 5 scores in a window the stage does not cut sees the window, not the stage date", () => {
    const decision = run({ gates: [fivePainScores], logs: history(4, () => ({ painDuring: 2 })) });
    expect(checkOf(decision, "pain_during").patientText).toMatch(
      /^4 of 5 pain during exercise scores in the last 14 days so far;/,
    );
  });
});

describe("sessions counted since the stage began", () => {
  const twoRuns: Criterion = { id: "two_runs", kind: "repetitions", count: 2, conditions: {} };

  it("a walk-run patient with 1 of 2 runs since the stage began sees 1 of 2 since 3 Dec", () => {
    const today = "2026-12-07";
    const decision = run({
      today,
      gates: [twoRuns],
      plan: { stageEnteredOn: "2026-12-03" },
      logs: [...history(5, () => ({}), "2026-12-02"), log("2026-12-05"), log("2026-12-06", { sessionDone: "none" })],
    });
    expect(checkOf(decision, "two_runs").patientText).toBe(
      "You have completed this stage's session as planned 1 of 2 times since you started this stage on 3 Dec.",
    );
  });

  it("a patient with no session yet in a new stage is told since when, not that nothing was ever recorded", () => {
    const decision = run({
      today: "2026-12-07",
      gates: [twoRuns],
      plan: { stageEnteredOn: "2026-12-06" },
      logs: history(5, () => ({}), "2026-12-05"),
    });
    expect(checkOf(decision, "two_runs").patientText).toMatch(
      /^No session logged yet since you started this stage on 6 Dec;/,
    );
  });
});

describe("today is not a missed session before the day is over", () => {
  it("this morning's missing session is not a miss before the day is over", () => {
    // Every day of the last 13 done; nothing logged today yet (or only the morning check-in).
    const logs = history(13, () => ({}), addDays(TODAY, -1));
    for (const today of [logs, [...logs, log(TODAY, { sessionDone: "none", morningPain: 1 })]]) {
      const check = checkOf(run({ gates: [adherenceGate], logs: today }), "adherence");
      expect(check).toMatchObject({ status: "met", observed: 100 });
      expect(check.clinicianText).toMatch(/over 13 day\(s\), today not counted until its session is logged/);
    }
  });

  it("a session logged today counts today", () => {
    const logs = history(14);
    expect(checkOf(run({ gates: [adherenceGate], logs }), "adherence")).toMatchObject({ observed: 100 });
    // A day missed yesterday is a miss: 13 of 14.
    const missedYesterday = logs.filter((l) => l.date !== addDays(TODAY, -1));
    expect(checkOf(run({ gates: [adherenceGate], logs: missedYesterday }), "adherence").observed).toBeCloseTo(
      (13 / 14) * 100,
      4,
    );
  });

  it("the Progress figure leaves out an unlogged today as the gate does", () => {
    const rule = stageAdherenceRule(
      { prescription: { exercises: [], frequencyPerWeek: 7 }, gates: [adherenceGate] },
      14,
    );
    const logs = history(13, () => ({}), addDays(TODAY, -1));
    const reading = adherenceOver(logs, rule, {
      today: TODAY,
      plan: { startDate: addDays(TODAY, -60), stageEnteredOn: addDays(TODAY, -30) },
    });
    expect(reading).toMatchObject({ todayPending: true, days: 13, done: 13, percent: 100, to: addDays(TODAY, -1) });
  });
});

describe("settle, soreness, swelling and trend gates say since when they counted", () => {
  const today = "2026-12-07";
  // The stage began on 3 Dec, the day it was earned; the patient logged every day for ten days.
  const newStage = { stageEnteredOn: "2026-12-03", movedOn: "2026-12-03" };

  it("a patient 4 days into a stage whose settle gate needs 5 sessions sees how many were judged since 3 Dec", () => {
    const settled: Criterion = {
      id: "settled",
      kind: "settle",
      window: { sessions: 5 },
      baseline: "pre_session",
      minSamples: 5,
    };
    const check = checkOf(
      run({ today, gates: [settled], plan: newStage, logs: history(10, () => ({ morningPain: 1 }), today) }),
      "settled",
    );
    expect(check.status).toBe("no_data");
    expect(check.patientText).toMatch(
      /^3 of 5 sessions judged since you started this stage on 3 Dec: each needs your morning pain on the session day and the morning after/,
    );
    expect(check.missing).toMatch(/since 3 Dec$/);
  });

  it("a Delaware runner who has not reported soreness since starting the level on 3 Dec is told so, not asked as if nothing was logged", () => {
    const soreness: Criterion = {
      id: "no-soreness",
      kind: "soreness",
      aggregate: "latest",
      window: { sessions: 3 },
      levels: ["none"],
    };
    const logs = [
      ...history(6, () => ({ soreness: "none" }), "2026-12-02"),
      ...history(5, () => ({ sessionDone: "none" }), today),
    ];
    const check = checkOf(run({ today, gates: [soreness], plan: newStage, logs }), "no-soreness");
    expect(check.status).toBe("no_data");
    expect(check.patientText).toMatch(
      /^No soreness recorded after a session yet since you started this stage on 3 Dec/,
    );
  });

  it("a knee patient with no swelling grade since the stage began on 3 Dec sees that date", () => {
    const swelling: Criterion = {
      id: "effusion",
      kind: "swelling",
      aggregate: "latest",
      window: { days: 7 },
      comparator: "lte",
      grade: "trace",
    };
    const logs = [...history(6, () => ({ swelling: "none" }), "2026-12-02"), ...history(5, () => ({}), today)];
    const check = checkOf(run({ today, gates: [swelling], plan: newStage, logs }), "effusion");
    expect(check.patientText).toMatch(/^No swelling grade recorded yet since you started this stage on 3 Dec/);
    expect(check.missing).toBe("a swelling grade since 3 Dec");
  });

  it("a stage-scoped week-on-week rule 4 days into the stage counts each week's scores since 3 Dec", () => {
    const trend: Criterion = { id: "no-rise", kind: "trend", metric: "stiffness", scope: "stage" };
    const logs = history(14, () => ({ morningStiffness: 2 }), today);
    const check = checkOf(run({ today, gates: [trend], plan: newStage, logs }), "no-rise");
    expect(check.status).toBe("no_data");
    expect(check.patientText).toMatch(
      /^4 morning stiffness scores this week and 0 last week since you started this stage on 3 Dec; each week needs 3 \(goal:/,
    );
  });

  it("a settle gate whose window the stage does not cut keeps the window's words", () => {
    const settled: Criterion = { id: "settled", kind: "settle", window: { sessions: 3 }, baseline: "pre_session" };
    const check = checkOf(run({ gates: [settled], logs: [log(TODAY, { morningPain: 1 })] }), "settled");
    expect(check.patientText).not.toMatch(/since you started/);
  });
});
