import { describe, expect, it } from "vitest";
import type { DoseChange, ExerciseDose, Prescription } from "~/engine/index.ts";
import { applicableDoseChanges } from "~/engine/index.ts";
import { doseChangeLine, isDoseChangeStale } from "~/services/dose-change.server.ts";

// The app's own guards on the engine's dose changes (docs/decisions/056-applying-dose-changes.md).

const heelDrop: ExerciseDose = {
  id: "heel-drop",
  name: "Heel drops",
  sets: 3,
  reps: 15,
  side: "both",
  load: { text: "10 kg", kg: 10 },
};

function change(direction: "increase" | "decrease", kg: number): DoseChange {
  return {
    part: "exercise",
    exerciseId: "heel-drop",
    name: "Heel drops",
    direction,
    ruleId: "add-load",
    reason: direction === "increase" ? "progression" : "step_back",
    capped: false,
    checks: [],
    from: heelDrop,
    to: { ...heelDrop, load: { text: `${kg} kg`, kg } },
    patientText: "",
    clinicianText: "all sets done 3 sessions, pain ≤ 3, settled",
  };
}

const hold = { outcome: "hold" as const, fromStageId: "s1", toStageId: "s1", flags: [] };

describe("which dose changes the app applies", () => {
  it("an increase with a high-severity flag is dropped, a decrease with it kept", () => {
    const flags = [{ code: "red_flag_pain" as const, severity: "high" as const, message: "Pain 8/10" }];
    const changes = applicableDoseChanges({
      ...hold,
      flags,
      doseChanges: [change("increase", 12.5), change("decrease", 7.5)],
    });
    expect(changes.map((c) => c.direction)).toEqual(["decrease"]);
  });

  it("an increase never comes with a regress", () => {
    expect(applicableDoseChanges({ ...hold, outcome: "regress", doseChanges: [change("increase", 12.5)] })).toEqual([]);
  });

  it("a decision that moves the stage applies no dose change: the next stage starts from its own dose", () => {
    expect(
      applicableDoseChanges({ ...hold, outcome: "advance", toStageId: "s2", doseChanges: [change("increase", 12.5)] }),
    ).toEqual([]);
  });

  it("a decision stored before dose changes existed has none", () => {
    expect(applicableDoseChanges(hold)).toEqual([]);
  });
});

describe("a dose change on a dose that changed since", () => {
  const prescription = (e: Prescription["exercises"][number]): Prescription => ({ exercises: [e] }) as Prescription;

  it("is not stale when the dose is the same, whatever the key order, provenance or rule", () => {
    const same = {
      load: { kg: 10, text: "10 kg" },
      side: "both" as const,
      reps: 15,
      sets: 3,
      name: "Heel drops",
      id: "heel-drop",
      source: { ours: true },
    };
    expect(isDoseChangeStale([change("increase", 12.5)], prescription(same))).toBe(false);
  });

  it("is stale when the physio tailored the exercise since", () => {
    expect(
      isDoseChangeStale([change("increase", 12.5)], prescription({ ...heelDrop, load: { text: "7.5 kg", kg: 7.5 } })),
    ).toBe(true);
  });

  it("is stale when the exercise was dropped", () => {
    expect(isDoseChangeStale([change("increase", 12.5)], { exercises: [] } as unknown as Prescription)).toBe(true);
  });
});

describe("a dose change in words", () => {
  it("names the exercise, the kg from → to and why", () => {
    expect(doseChangeLine(change("increase", 12.5))).toBe(
      "Heel drops: 10 → 12.5 kg — all sets done 3 sessions, pain ≤ 3, settled",
    );
  });
});
