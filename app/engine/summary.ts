/**
 * One-paragraph summaries: plain words for the patient, precise for the clinician.
 */
import type { Stage } from "./schema";
import type { Check, Flag, Outcome, RegressDetail } from "./types";

interface SummaryInput {
  outcome: Outcome;
  stage: Stage;
  toStage: Stage;
  gateChecks: Check[];
  /** All checks (regress checks are picked out only when a rule fired). */
  checks: Check[];
  regress: RegressDetail | undefined;
  flags: Flag[];
}

export function summarise(s: SummaryInput): { patient: string; clinician: string } {
  const met = s.gateChecks.filter((k) => k.status === "met").length;
  const notMet = s.gateChecks.filter((k) => k.status === "not_met");
  const noData = s.gateChecks.filter((k) => k.status === "no_data");
  const flagText = s.flags.length > 0 ? ` Flags: ${[...new Set(s.flags.map((f) => f.code))].join(", ")}.` : "";
  switch (s.outcome) {
    case "advance":
      return {
        patient: `You have met every goal for "${s.stage.name}". Next step: "${s.toStage.name}". Your clinician will confirm the move.`,
        clinician: `ADVANCE ${s.stage.id} → ${s.toStage.id}: all ${s.gateChecks.length} gates met.${flagText}`,
      };
    case "complete":
      return {
        patient: `You have met every goal of the final step, "${s.stage.name}". Your clinician will go through what comes next with you.`,
        clinician: `COMPLETE ${s.stage.id}: all ${s.gateChecks.length} gates of the final stage met.${flagText}`,
      };
    case "hold": {
      const next = [...notMet, ...noData][0];
      const total = s.gateChecks.length;
      return {
        patient:
          total === 0
            ? `Keep going with "${s.stage.name}". Your clinician will decide when you move on.`
            : `Keep going with "${s.stage.name}": ${met} of ${total} goals met.${next ? ` Next: ${next.patientText}` : ""}`,
        clinician:
          `HOLD in ${s.stage.id}: ${met}/${total} gates met` +
          (notMet.length > 0 ? `; not met: ${notMet.map((k) => k.id).join(", ")}` : "") +
          (noData.length > 0 ? `; no data: ${noData.map((k) => `${k.id} (missing ${k.missing ?? "data"})`).join(", ")}` : "") +
          `.${flagText}`,
      };
    }
    case "regress": {
      const r = s.regress!;
      const triggered = s.checks.filter((k) => k.role === "regress" && k.ruleId === r.ruleId && k.status === "met");
      const stays = s.toStage.id === s.stage.id;
      const extras = [
        r.restDays ? `Take ${r.restDays} rest day${r.restDays === 1 ? "" : "s"} first.` : "",
        r.loadReductionPercent ? `Reduce the load by ${r.loadReductionPercent} %.` : "",
        r.patientAdvice ?? "",
      ].filter(Boolean);
      return {
        patient:
          (stays
            ? `Your symptoms say we should ease off for now, staying with "${s.stage.name}".`
            : `Your symptoms say we should step back to "${s.toStage.name}" for a while so they can settle.`) +
          (extras.length > 0 ? ` ${extras.join(" ")}` : "") +
          " This is a normal part of rehab.",
        clinician:
          `REGRESS ${s.stage.id} → ${s.toStage.id} by rule '${r.ruleId}' (${r.label}): ` +
          triggered.map((k) => `${k.label} observed ${String(k.observed)}`).join("; ") +
          (r.loadReductionPercent ? `; load −${r.loadReductionPercent} %` : "") +
          (r.restDays ? `; ${r.restDays} rest day(s)` : "") +
          `.${flagText}`,
      };
    }
  }
}
