// Plain-words dosage for the patient: "3 × 10–15", "hold 30 s", "each side". Client-safe (no server imports).

export type DoseExercise = {
  id: string;
  name: string;
  sets?: number;
  setsMax?: number;
  reps?: number;
  repsMax?: number;
  holdSeconds?: number;
  load?: { text: string };
  restSeconds?: number;
  tempo?: string;
  perDay?: number;
  perWeek?: number;
  side: "involved" | "uninvolved" | "both";
  notes?: string;
};

export type DoseRun = {
  warmUpMinutes?: number;
  blocks: Array<{ walkSeconds: number; runSeconds: number; repeats: number; intensity?: string }>;
  coolDownMinutes?: number;
  distanceKm?: number;
  perWeek?: number;
  restDayBetween?: boolean;
  notes?: string;
};

/** A number as a patient reads it: at most `decimals` places, no trailing zeros ("2.5", never "2.4999999"). */
export function patientNumber(n: number, decimals = 1): string {
  return String(Number(n.toFixed(decimals)));
}

/** "3 days a week", or "2–3 days a week" for a program's 2.5: nobody trains half a day. */
function perWeekWords(perWeek: number, unit: string): string {
  const low = Math.floor(perWeek);
  const high = Math.ceil(perWeek);
  return low === high || low === 0 ? `${high} ${unit} a week` : `${low}–${high} ${unit} a week`;
}

const range = (low?: number, high?: number) =>
  low === undefined ? undefined : high && high !== low ? `${low}–${high}` : `${low}`;

/** "3 × 10–15" · "3 sets" · "10 reps". */
function setsAndReps(e: DoseExercise): string | null {
  const sets = range(e.sets, e.setsMax);
  const reps = range(e.reps, e.repsMax);
  if (sets && reps) return `${sets} × ${reps}`;
  if (sets) return sets === "1" ? "1 set" : `${sets} sets`;
  if (reps) return reps === "1" ? "1 rep" : `${reps} reps`;
  return null;
}

function sideWords(side: DoseExercise["side"], involvedSide: string): string {
  const painful = involvedSide === "left" || involvedSide === "right" ? `${involvedSide} leg` : "painful side";
  if (side === "both") return involvedSide === "left" || involvedSide === "right" ? "both sides" : "";
  if (side === "involved") return painful === "painful side" ? "" : painful;
  return involvedSide === "left" ? "right leg" : involvedSide === "right" ? "left leg" : "other side";
}

const ADDED_KG_AFTER_A_NOTE = /^([^;]+)(;.*) \+ (\d+(?:\.\d+)? kg)$/;

/**
 * The load as a patient reads it. A tailored kg is added at the end of the program's words ("…; heavy on 2–3 days a
 * week + 12.5 kg"), where it reads as part of the note: it goes back next to the load it adds to.
 */
function loadWords(text: string): string {
  const m = ADDED_KG_AFTER_A_NOTE.exec(text);
  return m ? `${m[1]} + ${m[3]}${m[2]}` : text;
}

/** Every part of the dose, in the order a patient reads it. */
export function doseParts(e: DoseExercise, involvedSide: string): string[] {
  const seconds = (raw: number) => {
    const s = Math.round(raw);
    return s >= 60 && s % 60 === 0 ? `${s / 60} min` : `${s} s`;
  };
  return [
    setsAndReps(e),
    e.holdSeconds ? `hold ${seconds(e.holdSeconds)}` : null,
    sideWords(e.side, involvedSide) || null,
    e.load ? loadWords(e.load.text) : null,
    e.tempo ? `tempo ${e.tempo}` : null,
    e.restSeconds ? `rest ${seconds(e.restSeconds)}` : null,
    e.perDay && e.perDay > 1 ? `${e.perDay} times a day` : null,
    e.perWeek && e.perWeek < 7 ? perWeekWords(e.perWeek, "days") : null,
  ].filter((p): p is string => Boolean(p));
}

function duration(raw: number): string {
  const seconds = Math.round(raw);
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  if (seconds > 60) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${seconds} s`;
}

/** Run / walk-run blocks in plain words, one line each. */
export function runLines(run: DoseRun): string[] {
  const lines: string[] = [];
  if (run.warmUpMinutes) lines.push(`Warm up: ${patientNumber(run.warmUpMinutes, 0)} min brisk walk`);
  for (const b of run.blocks) {
    const core =
      b.walkSeconds > 0
        ? `run ${duration(b.runSeconds)}, walk ${duration(b.walkSeconds)}`
        : `run ${duration(b.runSeconds)}`;
    lines.push(`${b.repeats} × (${core})${b.intensity ? ` at ${b.intensity}` : ""}`);
  }
  if (run.distanceKm) lines.push(`Distance: ${patientNumber(run.distanceKm)} km`);
  if (run.coolDownMinutes) lines.push(`Cool down: ${patientNumber(run.coolDownMinutes, 0)} min walk`);
  if (run.perWeek)
    lines.push(`${perWeekWords(run.perWeek, "times")}${run.restDayBetween ? ", with a rest day between runs" : ""}`);
  else if (run.restDayBetween) lines.push("A rest day between runs");
  return lines;
}
