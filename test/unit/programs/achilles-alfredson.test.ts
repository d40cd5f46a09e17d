import { describe, expect, it } from "vitest";
import { check, daily, explain, SyntheticPatient } from "./helpers";

const ID = "achilles-alfredson-1998";

describe("Achilles tendinopathy — Alfredson 12-week eccentric protocol", () => {
  it("Alfredson: a patient who trains through moderate pain, becomes pain-free, adds a backpack and completes the 12 weeks", () => {
    const p = new SyntheticPatient(ID);
    // Weeks 1–3: heel drops hurt (4–5/10) — allowed, so the patient simply carries on.
    const painful = p.holds(21, daily({ painDuring: 4, morningPain: 3 }));
    expect(check(painful, "pain-free-exercises")).toMatchObject({ status: "not_met", observed: 4 });
    expect(painful.checks.filter((c) => c.role === "regress").every((c) => c.status === "not_met")).toBe(true);

    // The exercises stop hurting: after 3 pain-free sessions, weight is added.
    const loaded = p.until("advance", 5, daily({ painDuring: 0, morningPain: 1 }));
    expect(loaded.toStageId).toBe("loaded-eccentrics");

    // With the backpack it hurts again for a while (allowed); the programme ends at 12 weeks.
    const done = p.until("complete", 84, daily({ painDuring: 3, morningPain: 1 }));
    expect(done.outcome, explain(done)).toBe("complete");
    expect(check(done, "twelve-weeks").observed).toBe(84);
    expect(p.stagesVisited).toEqual(["body-weight-eccentrics", "loaded-eccentrics"]);
  });

  it("Alfredson: a patient with 5/10 pain during the heel drops is told to continue, not to stop, and stays on body weight until pain-free", () => {
    const p = new SyntheticPatient(ID);
    const d = p.holds(10, daily({ painDuring: 5 }));
    expect(d.outcome).toBe("hold");
    expect(check(d, "disabling-pain.pain-during-latest").status).toBe("not_met");
    expect(d.flags.map((f) => f.code)).not.toContain("red_flag_pain");
    // "Pain allowed" (duringMax null) and "stop if disabling" (> 7/10) agree: no conflict for the clinician to chase.
    expect(d.flags.map((f) => f.code)).not.toContain("conflicting_rules");
  });

  it("Alfredson: disabling pain after adding the backpack sends the patient back to body-weight heel drops", () => {
    const p = new SyntheticPatient(ID);
    p.until("advance", 5, daily({ painDuring: 0 }));
    expect(p.stageId).toBe("loaded-eccentrics");
    p.holds(4, daily({ painDuring: 4 }));
    const d = p.day({ sessionDone: "done", painDuring: 8 });
    expect(d.outcome, explain(d)).toBe("regress");
    expect(d.toStageId).toBe("body-weight-eccentrics");
    expect(d.regress?.patientAdvice).toMatch(/body weight/);
    expect(d.flags.map((f) => f.code)).toContain("red_flag_pain");
  });

  it("Alfredson: disabling pain on body weight stops the day's training without moving the patient", () => {
    const p = new SyntheticPatient(ID);
    const d = p.day({ sessionDone: "partial", painDuring: 9 });
    expect(d.outcome).toBe("regress");
    expect(d.toStageId).toBe("body-weight-eccentrics");
    expect(d.regress?.action).toEqual({ to: "stay" });
  });
});
