/**
 * One compiled form per criterion kind. The switch is exhaustive: adding a kind to the schema without an evaluator
 * is a type error.
 */
import type { Criterion, Program, Stage } from "../schema";
import type { CheckRole } from "../types";
import { CompiledAdherence } from "./adherence";
import { CompiledCapacity } from "./capacity";
import type { CompiledCriterion } from "./common";
import { CompiledDoseDone } from "./dose-done";
import { CompiledPain } from "./pain";
import { CompiledQuestionnaire } from "./questionnaire";
import { CompiledRepetitions } from "./repetitions";
import { CompiledSettle } from "./settle";
import { CompiledSignoff } from "./signoff";
import { CompiledSoreness } from "./soreness";
import { CompiledSwelling } from "./swelling";
import { CompiledTime } from "./time";
import { CompiledTrend } from "./trend";

export { CompiledCriterion } from "./common";
export { CompiledTime } from "./time";

export function compileCriterion(
  c: Criterion,
  program: Program,
  stage: Stage,
  role: CheckRole,
  ruleId?: string,
  /** The exercise of the progression rule the criterion belongs to (dose_done's default). */
  ruleExerciseId?: string,
): CompiledCriterion {
  switch (c.kind) {
    case "pain":
      return new CompiledPain(c, program.painModel, role, ruleId);
    case "settle":
      return new CompiledSettle(c, program.painModel, stage, role, ruleId);
    case "trend":
      return new CompiledTrend(c, role, ruleId);
    case "capacity":
      return new CompiledCapacity(c, role, ruleId);
    case "questionnaire":
      return new CompiledQuestionnaire(c, role, ruleId);
    case "adherence":
      return new CompiledAdherence(c, stage, role, ruleId);
    case "time":
      return new CompiledTime(c, role, ruleId);
    case "repetitions":
      return new CompiledRepetitions(c, role, ruleId);
    case "swelling":
      return new CompiledSwelling(c, role, ruleId);
    case "soreness":
      return new CompiledSoreness(c, role, ruleId);
    case "signoff":
      return new CompiledSignoff(c, role, ruleId);
    case "dose_done":
      return new CompiledDoseDone(c, stage, role, ruleId, ruleExerciseId);
    default: {
      const never: never = c;
      throw new Error(`unknown criterion kind ${JSON.stringify((never as { kind?: unknown }).kind)}`);
    }
  }
}
