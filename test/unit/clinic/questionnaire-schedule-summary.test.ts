import { describe, expect, it } from "vitest";
import { describeQuestionnaireSchedule } from "~/components/clinic/questionnaire-schedule-summary.ts";
import { loadBuiltInProgram } from "~/programs/index.ts";

describe("the program page says when the program asks for a questionnaire", () => {
  it("Silbernagel asks for VISA-A every 42 days, marked as our reading", () => {
    const [item] = loadBuiltInProgram("achilles-silbernagel-2007")!.questionnaireSchedule!;
    expect(describeQuestionnaireSchedule(item!)).toBe("VISA-A every 42 days (our reading)");
  });

  it("a schedule ahead of a gate names its lead time, 3 days when none is set", () => {
    expect(describeQuestionnaireSchedule({ instrument: "lefs", beforeGate: true })).toBe(
      "LEFS 3 days before a stage's goal needs a score",
    );
    expect(describeQuestionnaireSchedule({ instrument: "visa_p", everyDays: 28, beforeGate: true, leadDays: 5 })).toBe(
      "VISA-P every 28 days, and 5 days before a stage's goal needs a score",
    );
  });
});
