import { describe, expect, it } from "vitest";
import { daysInStage, firstStageDay, stageEntryDate, type Criterion } from "~/engine";
import { checkOf, history, run, TODAY } from "./helpers";

// The stage date (docs/engine.md, "The stage date"): entered on the patient's local date of confirmation, days in
// stage never negative, and a move applied on the day it was earned leaves that day's session with the stage before.

const painDuringGate: Criterion = {
  id: "pain_during",
  kind: "pain",
  metric: "during",
  aggregate: "max",
  window: { sessions: 1 },
  comparator: "lte",
  threshold: 3,
};

describe("the stage date", () => {
  it("a stage confirmed on the patient's today is entered that day, even when the clinician's calendar says otherwise", () => {
    // Earned on 8 Dec (Auckland), confirmed on the patient's 8 Dec (the London clinician's 7 Dec): 8 Dec, not the 9th.
    expect(stageEntryDate("2026-12-08", "2026-12-08")).toBe("2026-12-08");
    // Confirmed two days after it was earned: the day of confirmation.
    expect(stageEntryDate("2026-12-08", "2026-12-10")).toBe("2026-12-10");
    // A replay that passes an earlier day never enters the stage before the decision's own day.
    expect(stageEntryDate("2026-12-08", "2026-12-07")).toBe("2026-12-08");
  });

  it("days in stage are 0 on the day of entry and never negative", () => {
    expect(daysInStage("2026-12-08", "2026-12-08")).toBe(0);
    expect(daysInStage("2026-12-08", "2026-12-11")).toBe(3);
    // A date stored a day ahead (before this rule) reads as 0 days, not -1.
    expect(daysInStage("2026-12-09", "2026-12-08")).toBe(0);
  });

  it("a move earned and applied the same day counts the stage's evidence from the next day", () => {
    expect(firstStageDay({ stageEnteredOn: "2026-12-08", movedOn: "2026-12-08" })).toBe("2026-12-09");
    expect(firstStageDay({ stageEnteredOn: "2026-12-10", movedOn: null })).toBe("2026-12-10");
    expect(firstStageDay({ stageEnteredOn: "2026-12-10" })).toBe("2026-12-10");
  });

  it("the session that earned an advance applied this morning does not pass the new stage's pain gate too", () => {
    const logs = history(3, () => ({ painDuring: 2 }));
    const enteredToday = run({ gates: [painDuringGate], plan: { stageEnteredOn: TODAY, movedOn: TODAY }, logs });
    expect(enteredToday.outcome).toBe("hold");
    expect(checkOf(enteredToday, "pain_during").status).toBe("no_data");
    // Entered today by a clinician's move made before today's session: today's session is the stage's own.
    const movedByHand = run({ gates: [painDuringGate], plan: { stageEnteredOn: TODAY }, logs });
    expect(movedByHand.outcome).toBe("advance");
  });

  it("the days-in-stage gate counts 0 on the day of entry, never less", () => {
    const minDays = run({ minDays: 3, plan: { stageEnteredOn: TODAY, movedOn: TODAY } });
    expect(checkOf(minDays, "min_days")).toMatchObject({ observed: 0, status: "not_met" });
  });
});
