import { describe, expect, it } from "vitest";
import { check, daily, explain, SyntheticPatient } from "./helpers";

const ID = "hamstring-askling-2013";
const painFree = daily({ painDuring: 0 });

describe("Hamstring strain — Askling L-protocol", () => {
  it("Askling: a footballer doing the L-protocol pain-free, with a clear clinical exam and then an H-test without insecurity, returns to play", () => {
    const p = new SyntheticPatient(ID, { start: "2026-03-06", injuryDate: "2026-03-01" });
    const toSpeed = p.until("advance", 10, painFree);
    expect(toSpeed.toStageId).toBe("l-protocol-speed-running");
    expect(check(toSpeed, "min_days").observed).toBe(7);

    // At speed: nothing moves without the physio's clinical exam.
    const waiting = p.holds(8, painFree);
    expect(check(waiting, "clinical-exam-clear")).toMatchObject({ status: "no_data", awaitingClinician: true });
    p.signOff("clinical_exam_clear");
    const toHTest = p.day({ sessionDone: "done", painDuring: 0 });
    expect(toHTest.outcome, explain(toHTest)).toBe("advance");
    expect(toHTest.toStageId).toBe("h-test");

    p.holds(2, painFree);
    p.signOff("h_test_no_insecurity");
    const done = p.day({ sessionDone: "done", painDuring: 0 });
    expect(done.outcome, explain(done)).toBe("complete");
    // Pain-free is not an ambiguous cut-off: no pain-free session ever raised a boundary flag.
    expect(p.decisions.flatMap((d) => d.flags).filter((f) => f.code === "boundary")).toEqual([]);
    expect(p.stagesVisited).toEqual(["l-protocol-controlled", "l-protocol-speed-running", "h-test"]);
  });

  it("Askling: a hamstring patient who feels insecurity on the H-test is held, keeps training for about a week and is retested", () => {
    const p = new SyntheticPatient(ID);
    p.until("advance", 10, painFree);
    p.holds(7, painFree);
    p.signOff("clinical_exam_clear");
    p.day({ sessionDone: "done", painDuring: 0 });
    expect(p.stageId).toBe("h-test");

    // H-test on the first day: insecure, so no sign-off — a week of holds, the patient told what happens next.
    const held = p.holds(7, painFree);
    const hTest = check(held, "h-test-no-insecurity");
    expect(hTest).toMatchObject({ status: "no_data", awaitingClinician: true });
    expect(hTest.patientText).toMatch(/another week and are retested/);

    p.signOff("h_test_no_insecurity");
    expect(p.day({ sessionDone: "done", painDuring: 0 }).outcome).toBe("complete");
  });

  it("Askling: a clinical-exam sign-off given before the speed stage does not count; the exam must clear at the end of that stage", () => {
    const p = new SyntheticPatient(ID);
    p.signOff("clinical_exam_clear"); // too early: day 0 of the controlled stage
    p.until("advance", 10, painFree);
    const d = p.holds(8, painFree);
    expect(check(d, "clinical-exam-clear").status).toBe("no_data");
  });

  it("Askling: any pain during the Extender or Diver means backing off: the patient stays and is told to stop just before pain", () => {
    const p = new SyntheticPatient(ID);
    p.holds(3, painFree);
    const d = p.day({ sessionDone: "done", painDuring: 2 });
    expect(d.outcome).toBe("regress");
    expect(d.regress?.ruleId).toBe("pain-during-exercise");
    expect(d.toStageId).toBe("l-protocol-controlled");
    expect(d.regress?.patientAdvice).toMatch(/stop before the pain/);
  });

  it("Askling: clear pain (3/10) while running at speed sends the patient back to the slow, controlled L-protocol", () => {
    const p = new SyntheticPatient(ID);
    p.until("advance", 10, painFree);
    p.holds(2, painFree);
    const mild = p.day({ sessionDone: "done", painDuring: 1 });
    expect(mild.regress?.ruleId).toBe("pain-at-speed");
    expect(mild.toStageId).toBe("l-protocol-speed-running");
    p.holds(2, painFree);
    const clear = p.day({ sessionDone: "done", painDuring: 3 });
    expect(clear.outcome, explain(clear)).toBe("regress");
    expect(clear.regress?.ruleId).toBe("clear-pain");
    expect(clear.toStageId).toBe("l-protocol-controlled");
    expect(clear.flags.map((f) => f.code)).toContain("multiple_regress_rules");
  });
});
