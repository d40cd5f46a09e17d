import { describe, expect, it } from "vitest";
import { stageHistoryOf } from "~/services/patient-record.server.ts";

describe("stage bands on the patient's charts", () => {
  const plan = { start_date: "2026-01-01", current_stage_id: "c", stage_entered_on: "2026-01-20" };

  it("follow applied advances and regressions by the day they were for, and a manual move, ending at the current stage", () => {
    const history = stageHistoryOf(
      plan,
      "a",
      [
        { evaluated_for: "2026-01-08", to_stage_id: "b", created_at: "2026-01-08T18:00:00Z" },
        { evaluated_for: "2026-01-12", to_stage_id: "a", created_at: "2026-01-12T18:00:00Z" },
      ],
      [{ detail: JSON.stringify({ from: "a", to: "c", reason: "tests fine" }), at: "2026-01-20T10:00:00Z" }],
      "Europe/London",
    );
    expect(history).toEqual([
      { stageId: "a", from: "2026-01-01" },
      { stageId: "b", from: "2026-01-08" },
      { stageId: "a", from: "2026-01-12" },
      { stageId: "c", from: "2026-01-20" },
    ]);
  });

  it("with no changes recorded, is one band from the plan's stage entry", () => {
    expect(
      stageHistoryOf({ ...plan, current_stage_id: "a", stage_entered_on: "2026-01-01" }, "a", [], [], "UTC"),
    ).toEqual([{ stageId: "a", from: "2026-01-01" }]);
  });
});
