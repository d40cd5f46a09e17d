import { describe, expect, it } from "vitest";
import { check, explain, SyntheticPatient, type DayEntry } from "./helpers";

const ID = "ankle-sprain-walk-run";

const run = (extra: DayEntry = {}): DayEntry => ({
  sessionDone: "done",
  painDuring: 1,
  painAfter: 1,
  swelling: "none",
  morningPain: 1,
  morningStiffness: 1,
  ...extra,
});
/** A rest day: the morning report after yesterday's run, swelling included (a run counts once that morning is clear). */
const rest = (extra: DayEntry = {}): DayEntry => ({
  sessionDone: "none",
  morningPain: 1,
  morningStiffness: 1,
  swelling: "none",
  ...extra,
});
/** Run, rest, run, rest…: the protocol's rest day between runs. */
const walkRun = (i: number) => (i % 2 === 0 ? run() : rest());

describe("Ankle sprain — six-phase walk-run return to running", () => {
  it("Walk-run: a soldier back from an ankle sprain does each of the six phases twice with rest days, reacts to none, and returns to sport after a PAASS review", () => {
    const p = new SyntheticPatient(ID, { involvedSide: "right" });
    for (let phase = 1; phase <= 5; phase++) {
      const d = p.until("advance", 6, walkRun);
      expect(d.fromStageId).toBe(`walk-run-phase-${phase}`);
      expect(check(d, "two-clean-runs").observed).toBe(2);
    }
    expect(p.stageId).toBe("walk-run-phase-6");
    const waiting = p.holds(4, walkRun);
    expect(check(waiting, "two-clean-runs").status).toBe("met");
    expect(check(waiting, "paass-review").status).toBe("no_data");
    p.signOff("paass_review");
    const done = p.day(rest());
    expect(done.outcome, explain(done)).toBe("complete");
    expect(p.stagesVisited).toEqual([1, 2, 3, 4, 5, 6].map((n) => `walk-run-phase-${n}`));
  });

  it("Walk-run: two runs on consecutive days count once, so the phase is repeated", () => {
    const p = new SyntheticPatient(ID);
    p.day(run());
    const d = p.day(run());
    expect(d.outcome).toBe("hold");
    expect(check(d, "two-clean-runs")).toMatchObject({ status: "not_met", observed: 1 });
    expect(check(d, "two-clean-runs").clinicianText).toMatch(/no rest day before/);
  });

  it("Walk-run: a trace of swelling after a run repeats the phase: it starts over, so the clean run before it no longer counts", () => {
    const p = new SyntheticPatient(ID);
    p.day(run());
    p.day(rest());
    const swollen = p.day(run({ swelling: "trace" }));
    expect(swollen.outcome, explain(swollen)).toBe("regress");
    expect(swollen.toStageId).toBe("walk-run-phase-1");
    expect(swollen.regress).toMatchObject({ ruleId: "mild-swelling-repeat", restDays: 1, action: { to: "repeat" } });
    // The phase starts over the next day: the run before the swelling is no longer one of its runs.
    const after = p.day(rest());
    expect(after.outcome).toBe("hold");
    expect(check(after, "two-clean-runs")).toMatchObject({ status: "no_data" });
    p.day(run());
    p.day(rest());
    p.day(run());
    const done = p.day(rest());
    expect(done.outcome, explain(done)).toBe("advance");
    expect(check(done, "two-clean-runs").clinicianText).not.toMatch(/2026-03-02/);
  });

  it("Walk-run: a trace of swelling the morning after a run means that run does not count, and the phase is repeated", () => {
    const p = new SyntheticPatient(ID);
    p.day(run());
    p.day(rest());
    p.day(run());
    const d = p.day(rest({ swelling: "trace" }));
    expect(d.outcome, explain(d)).toBe("regress");
    expect(d.regress).toMatchObject({ ruleId: "mild-swelling-repeat", action: { to: "repeat" } });
    expect(check(d, "two-clean-runs")).toMatchObject({ status: "not_met", observed: 1 });
    expect(check(d, "two-clean-runs").clinicianText).toMatch(/swelling trace the next morning/);
  });

  it("Walk-run: a stiffer ankle the next morning means staying in the phase until a run passes without it", () => {
    const p = new SyntheticPatient(ID);
    p.day(run());
    p.day(rest());
    p.day(run());
    const stiff = p.day(rest({ morningStiffness: 4 }));
    expect(stiff.outcome).toBe("hold");
    expect(check(stiff, "two-clean-runs").observed).toBe(2);
    expect(check(stiff, "no-stiffness")).toMatchObject({ status: "not_met", observed: 4 });
    p.day(run());
    expect(p.day(rest()).outcome).toBe("advance");
  });

  it("Walk-run: a runner whose ankle swells to 1+ after phase 3 rests a day and goes back to phase 2", () => {
    const p = new SyntheticPatient(ID);
    p.until("advance", 6, walkRun);
    p.until("advance", 6, walkRun);
    expect(p.stageId).toBe("walk-run-phase-3");
    const d = p.day(run({ swelling: "1+", painDuring: 3 }));
    expect(d.outcome, explain(d)).toBe("regress");
    expect(d.toStageId).toBe("walk-run-phase-2");
    expect(d.regress).toMatchObject({ ruleId: "swelling-or-pain-flare", restDays: 1 });
  });

  it("Walk-run: more pain the morning after a run than before it holds the runner in the phase", () => {
    const p = new SyntheticPatient(ID);
    p.day(run());
    p.day(rest());
    p.day(run());
    const d = p.day(rest({ morningPain: 3 }));
    expect(d.outcome).toBe("hold");
    expect(check(d, "no-more-pain-next-morning")).toMatchObject({ status: "not_met", observed: 2 });
  });
});
