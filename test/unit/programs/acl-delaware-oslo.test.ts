import { describe, expect, it } from "vitest";
import { addDays, daysBetween } from "~/engine";
import { check, explain, SyntheticPatient, type DayEntry } from "./helpers";

const ID = "acl-delaware-oslo-2016";
const SURGERY = "2025-11-20"; // about 3½ months before START
const NINE_MONTHS = addDays(SURGERY, 274);

const cleanRun: DayEntry = { sessionDone: "done", painDuring: 1, soreness: "none", swelling: "none", morningPain: 0 };
const restDay: DayEntry = { sessionDone: "none", swelling: "none", morningPain: 0 };
/** Rest, run, rest, run…: never two runs on consecutive days. */
const runEveryOtherDay = (session: DayEntry) => (i: number) => (i % 2 === 0 ? restDay : session);

function atLevel(level: number): SyntheticPatient {
  const p = new SyntheticPatient(ID, { surgeryDate: SURGERY });
  for (let l = 1; l < level; l++) p.until("advance", 10, runEveryOtherDay(cleanRun));
  expect(p.stageId).toBe(`running-level-${level}`);
  return p;
}

/** The Delaware-Oslo test battery, every result given as the involved side's % of the other leg. */
function testBattery(p: SyntheticPatient, pct: { quad?: number; hops?: number; kos?: number; global?: number } = {}) {
  const q = pct.quad ?? 95;
  const h = pct.hops ?? 95;
  p.limbs("quad_strength_nm", (200 * q) / 100, 200);
  p.limbs("single_hop_cm", (150 * h) / 100, 150);
  p.limbs("triple_hop_cm", (450 * h) / 100, 450);
  p.limbs("crossover_hop_cm", (400 * h) / 100, 400);
  p.limbs("timed_6m_hop_s", (2.0 * 100) / h, 2.0); // timed: lower is better
  p.measure("kos_adls", pct.kos ?? 96);
  p.measure("global_rating", pct.global ?? 92);
}

describe("ACL reconstruction — Delaware running progression and Delaware-Oslo return-to-sport criteria", () => {
  it("Delaware-Oslo: an ACL-reconstructed footballer climbs the eight running levels without soreness or effusion, passes every criterion, and is cleared only after 9 months", () => {
    const p = new SyntheticPatient(ID, { surgeryDate: SURGERY });
    for (let level = 1; level <= 8; level++) {
      const d = p.until("advance", 10, runEveryOtherDay(cleanRun));
      expect(d.fromStageId).toBe(`running-level-${level}`);
      expect(check(d, "min_days").observed).toBeGreaterThanOrEqual(4);
    }
    expect(p.stageId).toBe("return-to-sport-criteria");

    // Every test above 90 % at about 5 months: still held by the 9-month minimum.
    testBattery(p);
    const early = p.day(cleanRun);
    expect(early.outcome).toBe("hold");
    expect(check(early, "nine-months-since-surgery").status).toBe("not_met");
    expect(early.checks.filter((c) => c.role === "gate" && c.status !== "met").map((c) => c.id)).toEqual([
      "nine-months-since-surgery",
    ]);

    // Keep training until 9 months, retest, and the criteria clear the return to sport.
    p.holds(daysBetween(p.today, NINE_MONTHS), runEveryOtherDay(cleanRun));
    testBattery(p, { quad: 96, hops: 94 });
    const cleared = p.day(cleanRun);
    expect(cleared.evaluatedFor).toBe(NINE_MONTHS);
    expect(cleared.outcome, explain(cleared)).toBe("complete");
    expect(p.stagesVisited).toEqual([
      ...Array.from({ length: 8 }, (_, i) => `running-level-${i + 1}`),
      "return-to-sport-criteria",
    ]);
  });

  it("Delaware: knee soreness during the warm-up that goes away means repeating the session at the same level", () => {
    const p = atLevel(2);
    p.day(restDay);
    const d = p.day({ ...cleanRun, soreness: "warmup_resolved" });
    expect(d.outcome).toBe("hold");
    expect(check(d, "clean-session-at-level")).toMatchObject({ status: "not_met", observed: 0 });
    expect(d.checks.filter((c) => c.role === "regress").every((c) => c.status !== "met")).toBe(true);
  });

  it("Delaware: soreness during the warm-up that stays means stop, two days off and drop one level", () => {
    const p = atLevel(3);
    p.day(restDay);
    const d = p.day({ ...cleanRun, sessionDone: "partial", soreness: "warmup_persisted" });
    expect(d.outcome, explain(d)).toBe("regress");
    expect(d.toStageId).toBe("running-level-2");
    expect(d.regress).toMatchObject({ ruleId: "sore-through-warm-up", restDays: 2 });
    p.rest(2, { swelling: "none", morningPain: 0 });
    // Back at level 2 after two days off: one clean run and the 4-day minimum bring the patient back to level 3.
    const back = p.until("advance", 6, runEveryOtherDay(cleanRun));
    expect(back.toStageId).toBe("running-level-3");
  });

  it("Delaware: soreness more than an hour after the run means one day off and a repeat of the same level", () => {
    const p = atLevel(4);
    p.day(restDay);
    const d = p.day({ ...cleanRun, soreness: "after_1h_or_next_day" });
    expect(d.outcome).toBe("regress");
    expect(d.toStageId).toBe("running-level-4");
    expect(d.regress).toMatchObject({ ruleId: "sore-after-or-next-day", restDays: 1, action: { to: "repeat" } });
    // The level starts over: its 4 days count again from the day of the sore run.
    const next = p.day(restDay);
    expect(check(next, "min_days")).toMatchObject({ status: "not_met", observed: 1 });
    const back = p.until("advance", 8, runEveryOtherDay(cleanRun));
    expect(back.fromStageId).toBe("running-level-4");
  });

  it("Delaware: a 1+ effusion at the next session keeps the runner at the level and starts it over, and a 2+ effusion is flagged for treatment", () => {
    const p = atLevel(5);
    p.day(restDay);
    p.day(cleanRun);
    p.day(restDay);
    const oneplus = p.day({ ...cleanRun, swelling: "1+" });
    expect(oneplus.outcome, explain(oneplus)).toBe("regress");
    expect(oneplus.toStageId).toBe("running-level-5");
    expect(oneplus.regress).toMatchObject({ ruleId: "effusion-1plus-repeat", action: { to: "repeat" } });
    expect(check(oneplus, "effusion-trace-or-less")).toMatchObject({ status: "not_met", observed: "1+" });
    expect(oneplus.flags.find((f) => f.code === "effusion")?.severity).toBe("warning");
    const twoplus = p.day({ sessionDone: "none", swelling: "2+", morningPain: 1 });
    expect(twoplus.toStageId).toBe("running-level-5");
    expect(twoplus.flags.find((f) => f.code === "effusion")?.severity).toBe("high");
  });

  it("Delaware-Oslo: a hop-test symmetry of exactly 90 % is not above 90; the clinician is asked to confirm the boundary", () => {
    const p = atLevel(8);
    p.until("advance", 10, runEveryOtherDay(cleanRun));
    p.endDay(300); // well past 9 months
    testBattery(p, { hops: 90 });
    const d = p.day(cleanRun);
    expect(d.outcome).toBe("hold");
    expect(check(d, "single-hop-lsi")).toMatchObject({ status: "not_met", observed: 90, comparator: "gt" });
    expect(d.flags.filter((f) => f.code === "boundary").map((f) => f.checkId)).toEqual(
      expect.arrayContaining(["single-hop-lsi", "triple-hop-lsi", "crossover-hop-lsi", "timed-hop-lsi"]),
    );
  });
});
