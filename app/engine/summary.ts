/**
 * One-paragraph summaries: plain words for the patient, precise for the clinician. The clinician's names stages and
 * checks as the program does (a physio reads it on the triage home), and quotes what was missing or observed.
 */
import { fmt } from "./compare";
import type { PendingSentences } from "./decision";
import type { Stage } from "./schema";
import type { Check, Flag, Outcome, RegressDetail } from "./types";

interface SummaryInput {
  outcome: Outcome;
  stage: Stage;
  toStage: Stage;
  /** All checks: the regress rules' first, then the gates' from index `firstGate`. */
  checks: Check[];
  firstGate: number;
  regress: RegressDetail | undefined;
  flags: Flag[];
  /** What the checks' sentences are written from (they are otherwise written only when the checks are read). */
  pending: PendingSentences;
}

/** The patient sentence of one check, made now: the hold summary quotes it (the checks' own sentences are written
 * when the checks are read, and are the same). */
function patientTextOf(i: number, s: SummaryInput): string {
  return s.pending.criteria[i]!.patientText(s.checks[i]!, s.pending.params[i]);
}

/** "a; b; c" of the checks' labels (loops rather than map/join: no closure per decision). */
function labelList(checks: Check[]): string {
  let text = checks[0]!.label;
  for (let i = 1; i < checks.length; i++) text += `; ${checks[i]!.label}`;
  return text;
}

function missingList(checks: Check[]): string {
  let text = "";
  for (let i = 0; i < checks.length; i++)
    text += `${i > 0 ? "; " : ""}${checks[i]!.label} (missing ${checks[i]!.missing ?? "data"})`;
  return text;
}

/** Flags in a few words each; the flag list beside the decision has the full message. */
const FLAG_WORDS: Record<Flag["code"], string> = {
  red_flag_pain: "pain at the red-flag level",
  effusion: "swelling",
  boundary: "a value exactly at a threshold",
  conflicting_rules: "conflicting rules",
  regress_despite_gates: "regress rule met while the gates are met",
  multiple_regress_rules: "more than one regress rule met",
  first_stage_regress: "regress rule met in the first stage",
  no_gates: "a stage without gates",
  future_data_ignored: "future-dated entries left out",
};

function flagWords(flags: Flag[]): string {
  let text = "";
  for (let i = 0; i < flags.length; i++) {
    const code = flags[i]!.code;
    let seen = false;
    for (let j = 0; j < i && !seen; j++) seen = flags[j]!.code === code;
    if (!seen) text = text ? `${text}, ${FLAG_WORDS[code]}` : FLAG_WORDS[code];
  }
  return text;
}

function observedText(value: Check["observed"]): string {
  return typeof value === "number" ? fmt(value) : String(value);
}

export function summarise(s: SummaryInput): { patient: string; clinician: string } {
  const gates = s.checks.length - s.firstGate;
  const flagText = s.flags.length > 0 ? ` Flags: ${flagWords(s.flags)}.` : "";
  switch (s.outcome) {
    case "advance":
      return {
        patient: `You have met every goal for "${s.stage.name}". Next step: "${s.toStage.name}". Your clinician will confirm the move.`,
        clinician: `Advance from ${s.stage.name} to ${s.toStage.name}: all ${gates} gates met.${flagText}`,
      };
    case "complete":
      return {
        patient: `You have met every goal of the final step, "${s.stage.name}". Your clinician will go through what comes next with you.`,
        clinician: `Complete: all ${gates} gates of the final stage, ${s.stage.name}, met.${flagText}`,
      };
    case "hold": {
      let met = 0;
      let notMet: Check[] | null = null;
      let noData: Check[] | null = null;
      let next = -1; // the first gate not met, else the first without data
      let firstNoData = -1;
      for (let i = s.firstGate; i < s.checks.length; i++) {
        const k = s.checks[i]!;
        if (k.status === "met") met++;
        else if (k.status === "not_met") {
          (notMet ??= []).push(k);
          if (next < 0) next = i;
        } else {
          (noData ??= []).push(k);
          if (firstNoData < 0) firstNoData = i;
        }
      }
      if (next < 0) next = firstNoData;
      const total = gates;
      return {
        patient:
          total === 0
            ? `Keep going with "${s.stage.name}". Your clinician will decide when you move on.`
            : `Keep going with "${s.stage.name}": ${met} of ${total} goals met.${next >= 0 ? ` Next: ${patientTextOf(next, s)}` : ""}`,
        clinician:
          `Hold in ${s.stage.name}: ${met} of ${total} gates met.` +
          (notMet ? ` Not met: ${labelList(notMet)}.` : "") +
          (noData ? ` No data: ${missingList(noData)}.` : "") +
          flagText,
      };
    }
    case "regress": {
      const r = s.regress!;
      let triggered = "";
      for (let i = 0; i < s.firstGate; i++) {
        const k = s.checks[i]!;
        if (k.role === "regress" && k.ruleId === r.ruleId && k.status === "met") {
          triggered += `${triggered ? "; " : ""}${k.label}: observed ${observedText(k.observed)}`;
        }
      }
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
          (stays ? `Regress, staying in ${s.stage.name},` : `Regress from ${s.stage.name} to ${s.toStage.name}`) +
          ` by the rule "${r.label}".` +
          (triggered ? ` ${triggered}.` : "") +
          (r.loadReductionPercent ? ` Load −${r.loadReductionPercent} %.` : "") +
          (r.restDays ? ` ${r.restDays} rest day${r.restDays === 1 ? "" : "s"}.` : "") +
          flagText,
      };
    }
  }
}
