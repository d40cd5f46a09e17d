/**
 * Two checks every step up passes (issue 14, items 1 and 2): recent data (a patient silent for days has shown nothing
 * about today) and no recent red flag (a high-severity flag holds an advance, and an advance that still carries one
 * waits for the clinician).
 */
import { describe, expect, it } from "vitest";
import { addDays, evaluate, type Criterion, type DailyLogFact } from "~/engine";
import { checkOf, history, input, log, TODAY } from "./helpers";

const d = (n: number) => addDays(TODAY, n);
// TODAY is 2026-03-20.
const painGate: Criterion = {
  id: "pain_during",
  kind: "pain",
  metric: "during",
  aggregate: "max",
  window: { days: 14 },
};
const calm = (n: number, end = TODAY): DailyLogFact[] => history(n, () => ({ painDuring: 2 }), end);

describe("recent data: no step up on old data", () => {
  it("a patient silent for five days is not advanced, and the check says when they last logged", () => {
    const decision = evaluate(input({ gates: [painGate], logs: calm(7, d(-5)) }));
    expect(decision.outcome).toBe("hold");
    const k = checkOf(decision, "recent_data");
    expect(k).toMatchObject({ status: "not_met", observed: 5, threshold: 3, comparator: "lte", unit: "days" });
    expect(k.patientText).toBe(
      "Recent data: your last log was on 15 Mar, 5 days ago. Log how you are today so we can see how you are doing before moving you on (we need a log no more than 3 days old).",
    );
    expect(k.clinicianText).toMatch(
      /^Recent data: last log at most 3 days ago: observed last log on 15 Mar, 5 days ago;/,
    );
    expect(k.clinicianText).toContain("default 3 days, ours");
    expect(k.source).toEqual({ ours: true, note: "3 days is our default, not a source's." });
    expect(checkOf(decision, "pain_during").status).toBe("met");
    expect(decision.patientSummary).toContain("Next: Recent data: your last log was on 15 Mar, 5 days ago.");
  });

  it("a patient whose last log is exactly three days old is still advanced (the default allows three days)", () => {
    const decision = evaluate(input({ gates: [painGate], logs: calm(7, d(-3)) }));
    expect(checkOf(decision, "recent_data")).toMatchObject({ status: "met", observed: 3 });
    expect(decision.outcome).toBe("advance");
  });

  it("a patient who logged today reads that their last log was today", () => {
    const decision = evaluate(input({ gates: [painGate], logs: calm(7) }));
    expect(checkOf(decision, "recent_data").patientText).toBe(
      "Recent data: your last log was today (20 Mar): goal met (a log no more than 3 days old).",
    );
    expect(decision.outcome).toBe("advance");
  });

  it("a check-in without a session counts as recent data: the patient told us how they are", () => {
    const logs = [...calm(5, d(-6)), log(d(-1), { sessionDone: "none", morningPain: 1 })];
    expect(checkOf(evaluate(input({ gates: [painGate], logs })), "recent_data").status).toBe("met");
  });

  it("a program can ask for a log from today (freshDataDays 0), and its own setting is not labelled as ours", () => {
    const decision = evaluate(input({ gates: [painGate], freshDataDays: 0, logs: calm(7, d(-1)) }));
    const k = checkOf(decision, "recent_data");
    expect(k).toMatchObject({ status: "not_met", observed: 1, threshold: 0 });
    expect(k.patientText).toContain("your last log was on 19 Mar, yesterday");
    expect(k.patientText).toContain("we need a log from today");
    expect(k.source).toBeUndefined();
    expect(decision.outcome).toBe("hold");
  });

  it("a patient who has never logged is not advanced, and the check names what is missing", () => {
    const decision = evaluate(input({ gates: [{ id: "t", kind: "time", from: "stage_entry", days: 1 }], logs: [] }));
    expect(decision.outcome).toBe("hold");
    expect(checkOf(decision, "recent_data")).toMatchObject({ status: "no_data", missing: "a log" });
  });

  it("old data never stops a regress: safety rules still act on what was logged", () => {
    const spike = {
      id: "spike",
      label: "Pain above 5/10",
      action: { to: "previous" as const },
      criteria: [painGate].map((c) => ({ ...c, comparator: "gt" as const, threshold: 5 })),
    };
    const logs = history(3, () => ({ painDuring: 7 }), d(-5));
    expect(evaluate(input({ gates: [painGate], regressRules: [spike], logs })).outcome).toBe("regress");
  });

  it("a stage with no gates of its own gets no recent-data or red-flag checks: a clinician moves it on", () => {
    const decision = evaluate(input({ logs: calm(3, d(-10)) }));
    expect(decision.checks).toEqual([]);
    expect(decision.flags.map((f) => f.code)).toContain("no_gates");
  });
});

describe("red flags hold progress", () => {
  it("effusion 2+ two days ago holds an advance even when every gate passes, naming the flag and its day", () => {
    const logs = calm(10).map((l) => (l.date === d(-2) ? { ...l, swelling: "2+" as const } : l));
    const decision = evaluate(input({ gates: [painGate], logs }));
    expect(decision.outcome).toBe("hold");
    expect(checkOf(decision, "pain_during").status).toBe("met");
    const k = checkOf(decision, "no_recent_red_flag");
    expect(k).toMatchObject({
      kind: "red_flag",
      status: "not_met",
      observed: "effusion 2+ on 2026-03-18",
      threshold: 7,
      unit: "days",
    });
    expect(k.patientText).toBe(
      "A warning sign was logged: effusion 2+ on 18 Mar (2 days ago). We wait until 25 Mar at the earliest before moving you on, and your clinician will look at it.",
    );
    expect(k.clinicianText).toMatch(/^No red flag in the last 7 days: observed effusion 2\+ on 18 Mar \(2 days ago\);/);
    expect(decision.requiresClinician).toBeUndefined();
  });

  it("pain at the program's red-flag level yesterday holds an advance, and the check names the pain", () => {
    const logs = calm(10).map((l) => (l.date === d(-1) ? { ...l, painAtRest: 8 } : l));
    const decision = evaluate(input({ gates: [painGate], logs }));
    expect(decision.outcome).toBe("hold");
    expect(checkOf(decision, "no_recent_red_flag").patientText).toContain("pain at rest 8/10 on 19 Mar (yesterday)");
  });

  it("both red flags are named, the most recent first", () => {
    const logs = calm(10).map((l) =>
      l.date === d(-4) ? { ...l, painAfter: 9 } : l.date === d(-1) ? { ...l, swelling: "3+" as const } : l,
    );
    const k = checkOf(evaluate(input({ gates: [painGate], logs })), "no_recent_red_flag");
    expect(k.observed).toBe("effusion 3+ on 2026-03-19; pain after 9/10 on 2026-03-16");
  });

  it("effusion 1+ is a warning, not a red flag: it does not hold the advance", () => {
    const logs = calm(10).map((l) => (l.date === d(-1) ? { ...l, swelling: "1+" as const } : l));
    const decision = evaluate(input({ gates: [painGate], logs }));
    expect(decision.outcome).toBe("advance");
    expect(checkOf(decision, "no_recent_red_flag")).toMatchObject({ status: "met", observed: "none" });
    expect(decision.flags.find((f) => f.code === "effusion")?.severity).toBe("warning");
  });

  it("a red flag eight days ago no longer holds (the default hold is seven days, today included)", () => {
    const logs = calm(10).map((l) => (l.date === d(-7) ? { ...l, swelling: "2+" as const } : l));
    const decision = evaluate(input({ gates: [painGate], logs }));
    expect(checkOf(decision, "no_recent_red_flag").status).toBe("met");
    expect(decision.outcome).toBe("advance");
    expect(decision.requiresClinician).toBeUndefined();
  });

  it("a program with a shorter hold advances after it, but the flagged advance waits for the clinician", () => {
    const logs = calm(10).map((l) => (l.date === d(-4) ? { ...l, swelling: "2+" as const } : l));
    const decision = evaluate(input({ gates: [painGate], redFlagHoldDays: 3, logs }));
    expect(checkOf(decision, "no_recent_red_flag")).toMatchObject({
      status: "met",
      label: "No red flag in the last 3 days",
    });
    expect(decision.outcome).toBe("advance");
    expect(decision.flags.find((f) => f.code === "effusion")).toMatchObject({ severity: "high" });
    expect(decision.requiresClinician).toBe(
      "A clinician must confirm this move: Effusion 2+ logged on 16 Mar: hold and treat. This program holds advances for 3 days after a red flag.",
    );
  });

  it("a program that never holds on red flags (redFlagHoldDays 0) has no such check, and still needs the clinician", () => {
    const logs = calm(10).map((l) => (l.date === d(0) ? { ...l, painDuring: 8 } : l));
    const decision = evaluate(
      input({ gates: [{ ...painGate, comparator: "lte", threshold: 8 }], redFlagHoldDays: 0, logs }),
    );
    expect(decision.checks.map((c) => c.id)).not.toContain("no_recent_red_flag");
    expect(decision.outcome).toBe("advance");
    expect(decision.requiresClinician).toMatch(/^A clinician must confirm this move: Pain during 8\/10 on 20 Mar/);
  });

  it("completing the program on a recent red flag waits too", () => {
    const logs = calm(10).map((l) => (l.date === d(-2) ? { ...l, swelling: "2+" as const } : l));
    const decision = evaluate(input({ plan: { currentStageId: "three" }, lastGates: [painGate], logs }));
    expect(decision.outcome).toBe("hold");
    expect(checkOf(decision, "no_recent_red_flag").status).toBe("not_met");
  });
});
