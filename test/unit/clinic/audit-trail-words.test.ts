import { describe, expect, it } from "vitest";
import { describeEvent, type AuditNames } from "~/components/clinic/audit-trail.tsx";

// Issue 16 item 6: the audit trail reads as sentences — never an event code, a stage or item id, or an ISO date.

const names: AuditNames = {
  stages: { "iso-load": "Isometric loading", hsr: "Heavy slow resistance" },
  signoffItems: { exam_clear: "Clinical exam shows no signs of injury" },
};

const EVENTS: Array<[string, Record<string, unknown> | null, string]> = [
  [
    "plan.dose_tailored",
    {
      stageId: "hsr",
      reason: "Sore calf",
      changes: [
        { name: "Leg press", from: "3 × 15", to: "2 × 10" },
        { name: "Calf stretch", from: "—", to: "3 sets · hold 30 s · both sides" },
      ],
    },
    "changed this patient's dose in Heavy slow resistance (Leg press 3 × 15 → 2 × 10; added Calf stretch: 3 sets · hold 30 s · both sides): “Sore calf”",
  ],
  ["plan.started", { startStageId: "iso-load" }, "started the plan at Isometric loading"],
  [
    "plan.stage_moved",
    { from: "iso-load", to: "hsr", reason: "Pain settled" },
    "moved the stage by hand from Isometric loading to Heavy slow resistance: “Pain settled”",
  ],
  [
    "decision.advance.proposed",
    { from: "iso-load", to: "hsr", evaluatedFor: "2026-12-05" },
    "recommended: advance to Heavy slow resistance for 5 Dec 2026, awaiting confirmation",
  ],
  [
    "decision.regress.applied",
    { from: "hsr", to: "iso-load", evaluatedFor: "2026-12-06" },
    "applied: step back to Isometric loading for 6 Dec 2026",
  ],
  [
    "decision.regress.applied",
    { from: "hsr", to: "hsr", evaluatedFor: "2026-12-06" },
    "applied: step back within Heavy slow resistance (lighter load, same stage) for 6 Dec 2026",
  ],
  [
    "decision.confirmed",
    { outcome: "advance", from: "iso-load", to: "hsr" },
    "confirmed the recommendation to advance (Heavy slow resistance)",
  ],
  [
    "decision.overridden",
    { outcome: "advance", reason: "Wants another week" },
    "overrode the recommendation to advance: “Wants another week”",
  ],
  [
    "signoff.recorded",
    { itemId: "exam_clear", stageId: "iso-load", signedOn: "2026-12-04", note: null },
    "signed off “Clinical exam shows no signs of injury” for 4 Dec 2026",
  ],
  [
    "measurement.recorded",
    { measuredOn: "2026-12-03", values: [{ measure: "single_leg_heel_raise_reps", side: "left", value: 14 }] },
    "recorded single-leg heel raises (left) 14 for 3 Dec 2026",
  ],
  ["daily_log.edited", { date: "2026-12-05", editCount: 1 }, "edited the log of 5 Dec 2026"],
  [
    "patient.details_edited",
    {
      changes: [
        { field: "surgeryDate", from: null, to: "2026-11-02" },
        { field: "involvedSide", from: "right", to: "left" },
      ],
    },
    "edited the patient's details: surgery date none → 2 Nov 2026; involved side right → left",
  ],
  ["flags.reviewed", { flags: 2, outcome: "hold", note: "Phoned" }, "reviewed 2 flags: “Phoned”"],
  ["flags.reviewed", { flags: 0, outcome: "regress" }, "reviewed the regression"],
  ["notes.read", { notes: 1 }, "read 1 note from the patient"],
];

describe("the audit trail in words", () => {
  it.each(EVENTS)("%s reads as a sentence", (action, detail, words) => {
    expect(describeEvent(action, detail, names)).toBe(words);
  });

  it("never shows an event code, a stage or item id, or an ISO date, even for events it does not know", () => {
    const all = [
      ...EVENTS.map(([a, d]) => describeEvent(a, d, names)),
      describeEvent("something.new", { to: "hsr" }, names),
    ];
    for (const text of all) {
      expect(text).not.toMatch(/\b\w+\.\w+\b/); // no event codes like "plan.started"
      expect(text).not.toMatch(/iso-load|\bhsr\b|exam_clear/);
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    }
  });
});
