import { describe, expect, it } from "vitest";
import type { Flag } from "~/engine/index.ts";
import { flagsStillReviewed, flagWording, regressionReviewed } from "~/services/flag-review.server.ts";

// ADR 049: a reviewed flag keeps the patient off "needs you" until something new happens.

const redFlag: Flag = {
  code: "red_flag_pain",
  severity: "high",
  message: "Pain during 8/10 on 7 Dec, at or above 6/10",
};
const boundary: Flag = {
  code: "boundary",
  severity: "warning",
  message: "Pain during: observed 3 sits on the threshold",
};
const reviewedAt = "2026-12-07T10:00:00.000Z";

describe("whether flags are still reviewed", () => {
  it("holds while every flag reads as reviewed and no log was saved since", () => {
    expect(
      flagsStillReviewed([redFlag], { flags: [flagWording(redFlag)], reviewedAt }, "2026-12-07T09:00:00.000Z"),
    ).toBe(true);
  });

  it("ends when a flag's words change (a higher pain, a later day)", () => {
    const later = { ...redFlag, message: "Pain during 8/10 on 8 Dec, at or above 6/10" };
    expect(flagsStillReviewed([later], { flags: [flagWording(redFlag)], reviewedAt }, null)).toBe(false);
  });

  it("ends for a red flag when the patient logs again, but not for a warning", () => {
    const after = "2026-12-07T11:00:00.000Z";
    expect(flagsStillReviewed([redFlag], { flags: [flagWording(redFlag)], reviewedAt }, after)).toBe(false);
    expect(flagsStillReviewed([boundary], { flags: [flagWording(boundary)], reviewedAt }, after)).toBe(true);
  });

  it("is false without a review, and ignores the engine's info notes", () => {
    expect(flagsStillReviewed([redFlag], null, null)).toBe(false);
    const info: Flag = { code: "no_gates", severity: "info", message: "This stage has no gates" };
    expect(flagsStillReviewed([info], { flags: [], reviewedAt }, null)).toBe(false);
  });

  it("counts a regression reviewed by a review on or after its day", () => {
    expect(regressionReviewed("2026-12-07", reviewedAt)).toBe(true);
    expect(regressionReviewed("2026-12-08", reviewedAt)).toBe(false);
    expect(regressionReviewed("2026-12-07", null)).toBe(false);
  });
});
