import { describe, expect, it } from "vitest";
import { check, explain, SyntheticPatient, type DayEntry } from "./helpers";

const ID = "runner-5k-to-10k";
const LONG = [45, 55, 65, 60];

/**
 * A training week starting on Monday (START is a Monday): intervals Tuesday, strength Wednesday, easy run Friday,
 * long run Sunday; mornings reported every day.
 */
function week(block: number, opts: { pain?: number; morning?: number; stiffness?: number; longMinutes?: number } = {}) {
  const morning = { morningPain: opts.morning ?? 1, morningStiffness: opts.stiffness ?? 1 };
  const pain = opts.pain ?? 2;
  return (i: number): DayEntry => {
    switch (i % 7) {
      case 1:
        return {
          ...morning,
          sessionDone: "done",
          painDuring: pain,
          runningMinutes: 39,
          sessionMinutes: 40,
          sessionRpe: 7,
        };
      case 2:
        return { ...morning, sessionDone: "done", painDuring: 1, sessionMinutes: 40, sessionRpe: 6 };
      case 4:
        return {
          ...morning,
          sessionDone: "done",
          painDuring: pain,
          runningMinutes: 30,
          sessionMinutes: 30,
          sessionRpe: 3,
        };
      case 6: {
        const minutes = opts.longMinutes ?? LONG[block - 1]!;
        return {
          ...morning,
          sessionDone: "done",
          painDuring: pain,
          runningMinutes: minutes,
          sessionMinutes: minutes,
          sessionRpe: 5,
        };
      }
      default:
        return { ...morning, sessionDone: "none" };
    }
  };
}

describe("Runner's training block — 5 km to 10 km", () => {
  it("Runner: a discharged runner absorbs each two-week block under the pain-monitoring model and finishes with a first 10 km run", () => {
    const p = new SyntheticPatient(ID, { involvedSide: "none" });
    for (let block = 1; block <= 3; block++) {
      const d = p.until("advance", 16, week(block));
      expect(d.fromStageId).toBe(["block-1-base", "block-2-build", "block-3-build"][block - 1]);
      expect(check(d, "long-runs-done").observed).toBeGreaterThanOrEqual(2);
      expect(check(d, "adherence").status).toBe("met");
    }
    expect(p.stageId).toBe("block-4-10k");
    // Block 4: a week of training with the long run replaced by the 10 km (65 minutes).
    const done = p.until("complete", 10, week(4, { longMinutes: 65 }));
    expect(done.outcome, explain(done)).toBe("complete");
    expect(check(done, "ten-km-run")).toMatchObject({ status: "met", observed: 1 });
    expect(done.load.weeks[0]!.runningMinutes).toBeGreaterThan(0);
    expect(p.stagesVisited).toEqual(["block-1-base", "block-2-build", "block-3-build", "block-4-10k"]);
  });

  it("Runner: cutting the long runs short holds the runner in the block even when nothing hurts", () => {
    const p = new SyntheticPatient(ID, { involvedSide: "none" });
    const d = p.holds(16, week(1, { longMinutes: 30 }));
    expect(check(d, "long-runs-done")).toMatchObject({ status: "not_met", observed: 0 });
    expect(check(d, "pain-within-5").status).toBe("met");
  });

  it("Runner: an interval session that hurts above 5/10 means easing off the next sessions within the block", () => {
    const p = new SyntheticPatient(ID, { involvedSide: "none" });
    p.holds(8, week(1));
    const d = p.day({ sessionDone: "done", painDuring: 6, morningPain: 1, morningStiffness: 1, runningMinutes: 39 });
    expect(d.outcome).toBe("regress");
    expect(d.regress?.ruleId).toBe("pain-above-5");
    expect(d.toStageId).toBe("block-1-base");
  });

  it("Runner: morning stiffness building from week to week in the build block sends the runner back to the base block's volumes", () => {
    const p = new SyntheticPatient(ID, { involvedSide: "none" });
    p.until("advance", 16, week(1));
    expect(p.stageId).toBe("block-2-build");
    const base = week(2);
    const d = p.until("regress", 14, (i) => ({ ...base(i), morningStiffness: i < 5 ? 1 : 3 }));
    expect(d.outcome, explain(d)).toBe("regress");
    expect(d.regress?.ruleId).toBe("weekly-rise");
    expect(d.toStageId).toBe("block-1-base");
  });
});
