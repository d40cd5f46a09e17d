import { describe, expect, it } from "vitest";
import { involvedValueForSymmetry, limbSymmetryIndex, measureIsLowerBetter } from "~/engine";
import { loadBuiltInProgram } from "~/programs/index.ts";
import { program } from "./helpers";

describe("limb symmetry index", () => {
  it("ACL patient with 80 Nm quadriceps strength on the operated leg against 100 Nm on the other is at 80 %", () => {
    expect(limbSymmetryIndex(80, 100, false)).toBe(80);
  });

  it("a timed hop read lower-is-better is inverted: 2.5 s on the operated leg against 2.0 s is 80 %, not 125 %", () => {
    expect(limbSymmetryIndex(2.5, 2.0, true)).toBe(80);
  });

  it("no index can be formed against a zero (an untestable uninvolved side, or a 0 s timed involved side)", () => {
    expect(limbSymmetryIndex(10, 0, false)).toBeNull();
    expect(limbSymmetryIndex(0, 2.0, true)).toBeNull();
  });

  it("a made-up history's involved value gives back the LSI asked for, for plain and timed tests", () => {
    for (const lowerIsBetter of [false, true]) {
      for (const lsi of [50, 80, 90, 95, 120]) {
        expect(limbSymmetryIndex(involvedValueForSymmetry(lsi, 100, lowerIsBetter)!, 100, lowerIsBetter)).toBeCloseTo(
          lsi,
          9,
        );
      }
    }
    expect(involvedValueForSymmetry(0, 100, true)).toBeNull();
  });
});

describe("which measures a program reads lower-is-better", () => {
  it("the ACL program's 6 m timed hop is read lower-is-better because its criterion says so; its hop distances are not", () => {
    const acl = loadBuiltInProgram("acl-delaware-oslo-2016")!;
    expect(measureIsLowerBetter(acl, "timed_6m_hop_s")).toBe(true);
    expect(measureIsLowerBetter(acl, "single_hop_cm")).toBe(false);
  });

  it("a measure named hop_time_s is not taken for a timed test from its name: no criterion marks it lower-is-better", () => {
    const p = program({
      gates: [{ id: "hop", kind: "capacity", measure: "hop_time_s", mode: "lsi", comparator: "gte", threshold: 90 }],
    });
    expect(measureIsLowerBetter(p, "hop_time_s")).toBe(false);
  });
});
