import { describe, expect, it } from "vitest";
import { loadBuiltInProgram } from "~/programs/index.ts";
import { painZones } from "~/services/patient-plan.server.ts";

const programNamed = (id: string) => loadBuiltInProgram(id)!;

describe("the pain scale's legend on the patient's log", () => {
  it("a pain-free plan (Askling: no pain during) calls only 0 safe, not '0–0'", () => {
    const zones = painZones(programNamed("hamstring-askling-2013").painModel, "during");
    expect(zones.legend.startsWith("0 safe · ")).toBe(true);
    expect(zones.legend).not.toContain("0–0");
    expect(zones.tones[0]).toBe("safe");
    expect(zones.tones[1]).toBe("high");
  });

  it("a plan that allows pain up to 5 (Silbernagel) keeps the 0–2 safe band and 3–5 acceptable", () => {
    const zones = painZones(programNamed("achilles-silbernagel-2007").painModel, "during");
    expect(zones.legend).toBe("0–2 safe · 3–5 acceptable · 6–10 too high for your plan");
  });

  it("a one-point acceptable zone (Askling's pain after: 3 may be felt, 4 is a red flag) reads '3 acceptable', not '3–3'", () => {
    const zones = painZones(programNamed("hamstring-askling-2013").painModel, "after");
    expect(zones.legend).toBe("0–2 safe · 3 acceptable · 4–10 tell your physio");
  });
});
