/**
 * One-paragraph summaries: plain words for the patient, precise for the clinician. The clinician's names stages and
 * checks as the program does (a physio reads it on the triage home), and quotes what was missing or observed.
 */
import { fmt } from "./compare";
import type { Stage } from "./schema";
import type { Check, DoseChange, Flag, Outcome, RegressDetail } from "./types";

interface SummaryInput {
  outcome: Outcome;
  stage: Stage;
  toStage: Stage;
  regressChecks: Check[];
  gateChecks: Check[];
  regress: RegressDetail | undefined;
  flags: Flag[];
}

const labelList = (checks: Check[]): string => checks.map((k) => k.label).join("; ");

const missingList = (checks: Check[]): string =>
  checks.map((k) => `${k.label} (missing ${k.missing ?? "data"})`).join("; ");

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

/** The flags' words, each code once, in the flags' order. */
function flagWords(flags: Flag[]): string {
  const codes = new Set(flags.map((f) => f.code));
  return [...codes].map((code) => FLAG_WORDS[code]).join(", ");
}

function observedText(value: Check["observed"]): string {
  return typeof value === "number" ? fmt(value) : String(value);
}

export function summarise(s: SummaryInput): { patient: string; clinician: string } {
  const gates = s.gateChecks.length;
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
      const met = s.gateChecks.filter((k) => k.status === "met").length;
      const notMet = s.gateChecks.filter((k) => k.status === "not_met");
      const noData = s.gateChecks.filter((k) => k.status === "no_data");
      // What to work on next: the first gate not met, else the first without data.
      const next = notMet[0] ?? noData[0];
      return {
        patient:
          gates === 0
            ? `Keep going with "${s.stage.name}". Your clinician will decide when you move on.`
            : `Keep going with "${s.stage.name}": ${met} of ${gates} goals met.${next ? ` Next: ${next.patientText}` : ""}`,
        clinician:
          `Hold in ${s.stage.name}: ${met} of ${gates} gates met.` +
          (notMet.length > 0 ? ` Not met: ${labelList(notMet)}.` : "") +
          (noData.length > 0 ? ` No data: ${missingList(noData)}.` : "") +
          flagText,
      };
    }
    case "regress": {
      const r = s.regress!;
      const triggered = s.regressChecks
        .filter((k) => k.ruleId === r.ruleId && k.status === "met")
        .map((k) => `${k.label}: observed ${observedText(k.observed)}`)
        .join("; ");
      const stays = s.toStage.id === s.stage.id;
      const extras = [
        r.restDays ? `Take ${r.restDays} rest day${r.restDays === 1 ? "" : "s"} first.` : "",
        r.loadReductionPercent ? `Reduce the load by ${r.loadReductionPercent} %.` : "",
        r.patientAdvice ?? "",
      ].filter(Boolean);
      const repeats = r.action.to === "repeat";
      return {
        patient:
          (repeats
            ? `Your symptoms say we should repeat "${s.stage.name}" from the start.`
            : stays
              ? `Your symptoms say we should ease off for now, staying with "${s.stage.name}".`
              : `Your symptoms say we should step back to "${s.toStage.name}" for a while so they can settle.`) +
          (extras.length > 0 ? ` ${extras.join(" ")}` : "") +
          " This is a normal part of rehab.",
        clinician:
          (repeats
            ? `Regress: repeat ${s.stage.name} from the start,`
            : stays
              ? `Regress, staying in ${s.stage.name},`
              : `Regress from ${s.stage.name} to ${s.toStage.name}`) +
          ` by the rule "${r.label}".` +
          (triggered ? ` ${triggered}.` : "") +
          (r.loadReductionPercent ? ` Load −${r.loadReductionPercent} %.` : "") +
          (r.restDays ? ` ${r.restDays} rest day${r.restDays === 1 ? "" : "s"}.` : "") +
          flagText,
      };
    }
  }
}

/** The summaries with the dose changes added: each change's patient sentence; for the clinician, from → to and why. */
export function withDoseChanges(
  summaries: { patient: string; clinician: string },
  changes: readonly DoseChange[],
): { patient: string; clinician: string } {
  if (changes.length === 0) return summaries;
  const reason = { progression: "progression", step_back: "step back", regress: "regress" } as const;
  const clinician = changes
    .map((c) => `${c.name} ${doseFigure(c.from)} → ${doseFigure(c.to)} (${reason[c.reason]})`)
    .join("; ");
  return {
    patient: `${summaries.patient} ${changes.map((c) => c.patientText).join(" ")}`,
    clinician: `${summaries.clinician} Dose changes: ${clinician}.`,
  };
}

/** The figure that changes, in short: "12.5 kg × 10", "run 90 s / walk 60 s × 8". */
function doseFigure(dose: DoseChange["from"]): string {
  if ("blocks" in dose)
    return dose.blocks
      .map(
        (b) => `run ${fmt(b.runSeconds)} s${b.walkSeconds > 0 ? ` / walk ${fmt(b.walkSeconds)} s` : ""} × ${b.repeats}`,
      )
      .join(", ");
  const kg = dose.load?.kg !== undefined ? `${fmt(dose.load.kg)} kg` : "";
  const reps = dose.reps !== undefined ? `${dose.reps} reps` : "";
  return [kg, reps].filter(Boolean).join(" × ") || "dose";
}
