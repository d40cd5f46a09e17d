/**
 * One-paragraph summaries: plain words for the patient, precise for the clinician.
 */
import type { PendingSentences } from "./decision";
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
  /** What the checks' sentences are written from (they are otherwise written only when the checks are read). */
  pending: PendingSentences;
}

/** The patient sentence of one check, written now: the hold summary quotes it. Writing the check's sentences again
 * when the checks are read gives the same text. */
function patientTextOf(check: Check, s: SummaryInput): string {
  const i = s.checks.indexOf(check);
  s.pending.criteria[i]!.writeTexts(check, s.pending.params[i]);
  return check.patientText;
}

function flagCodes(flags: Flag[]): string {
  let text = "";
  for (let i = 0; i < flags.length; i++) {
    const code = flags[i]!.code;
    let seen = false;
    for (let j = 0; j < i && !seen; j++) seen = flags[j]!.code === code;
    if (!seen) text = text ? `${text}, ${code}` : code;
  }
  return text;
}

export function summarise(s: SummaryInput): { patient: string; clinician: string } {
  const flagText = s.flags.length > 0 ? ` Flags: ${flagCodes(s.flags)}.` : "";
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
      let met = 0;
      const notMet: Check[] = [];
      const noData: Check[] = [];
      for (const k of s.gateChecks) {
        if (k.status === "met") met++;
        else if (k.status === "not_met") notMet.push(k);
        else noData.push(k);
      }
      const next = notMet[0] ?? noData[0];
      const total = s.gateChecks.length;
      return {
        patient:
          total === 0
            ? `Keep going with "${s.stage.name}". Your clinician will decide when you move on.`
            : `Keep going with "${s.stage.name}": ${met} of ${total} goals met.${next ? ` Next: ${patientTextOf(next, s)}` : ""}`,
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
