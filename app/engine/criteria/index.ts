/**
 * One evaluator per criterion kind. The switch is exhaustive: adding a kind to the schema without an evaluator is a
 * type error.
 */
import type { Criterion } from "../schema";
import type { CriterionEnv } from "../windows";
import { evaluateAdherence } from "./adherence";
import { evaluateCapacity } from "./capacity";
import type { CheckCore } from "./common";
import { overridePatientText } from "./common";
import { evaluatePain } from "./pain";
import { evaluateQuestionnaire } from "./questionnaire";
import { evaluateRepetitions } from "./repetitions";
import { evaluateSettle } from "./settle";
import { evaluateSignoff } from "./signoff";
import { evaluateSoreness } from "./soreness";
import { evaluateSwelling } from "./swelling";
import { evaluateTime } from "./time";
import { evaluateTrend } from "./trend";

export type { CheckCore } from "./common";

function dispatch(c: Criterion, env: CriterionEnv): CheckCore {
  switch (c.kind) {
    case "pain":
      return evaluatePain(c, env);
    case "settle":
      return evaluateSettle(c, env);
    case "trend":
      return evaluateTrend(c, env);
    case "capacity":
      return evaluateCapacity(c, env);
    case "questionnaire":
      return evaluateQuestionnaire(c, env);
    case "adherence":
      return evaluateAdherence(c, env);
    case "time":
      return evaluateTime(c, env);
    case "repetitions":
      return evaluateRepetitions(c, env);
    case "swelling":
      return evaluateSwelling(c, env);
    case "soreness":
      return evaluateSoreness(c, env);
    case "signoff":
      return evaluateSignoff(c, env);
    default: {
      const never: never = c;
      throw new Error(`unknown criterion kind ${JSON.stringify((never as { kind?: unknown }).kind)}`);
    }
  }
}

export function evaluateCriterion(c: Criterion, env: CriterionEnv): CheckCore {
  const core = dispatch(c, env);
  if (c.patientText) core.patientText = overridePatientText(c.patientText, env.role, core.status);
  return core;
}
