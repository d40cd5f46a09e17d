import { questionnaireName, type QuestionnaireScheduleItem } from "~/engine/index.ts";

/** "VISA-A every 42 days, and 3 days before a stage's goal needs a score": when the program asks the patient (ADR 059). */
export function describeQuestionnaireSchedule(item: QuestionnaireScheduleItem): string {
  const when = [
    item.everyDays ? `every ${item.everyDays} days` : null,
    item.beforeGate ? `${item.leadDays ?? 3} days before a stage's goal needs a score` : null,
  ].filter(Boolean);
  return `${questionnaireName(item)} ${when.join(", and ")}${item.source?.ours ? " (our reading)" : ""}`;
}
