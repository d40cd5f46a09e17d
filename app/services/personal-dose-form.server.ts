import type { Prescription, Stage } from "~/engine/index.ts";
import type {
  ExerciseDose,
  PersonalDoseVersion,
  PersonalExerciseEntry,
  RunDose,
} from "~/models/personal-dose.server.ts";
import type { ExerciseDoseRow, PersonalDoseForm } from "~/schemas/personal-dose.ts";
import { newId } from "~/utils/ids.server.ts";

// Between the dose form and the stored personal dose (personal-dose.server.ts): a dose in words, a dose as form
// values, a form's rows as stored entries (only what differs from the program), and the changes between two
// prescriptions for the audit trail.
// ---------------------------------------------------------------------------------------------------------------
// Words (clinician's table, audit trail)

const rangeText = (low?: number, high?: number) =>
  low === undefined ? "" : high !== undefined && high !== low ? `${low}–${high}` : `${low}`;

/** "3 × 10–15 · hold 30 s · 12.5 kg · tempo 3-0-3 · 2×/day · 5×/week · painful side". */
export function doseText(e: ExerciseDose): string {
  const sets = rangeText(e.sets, e.setsMax);
  const reps = rangeText(e.reps, e.repsMax);
  const side = { involved: "painful side", uninvolved: "other side", both: "both sides" }[e.side];
  return [
    sets && reps ? `${sets} × ${reps}` : sets ? `${sets} sets` : reps ? `${reps} reps` : "",
    e.holdSeconds ? `hold ${e.holdSeconds} s` : "",
    e.load?.text ?? "",
    e.tempo ? `tempo ${e.tempo}` : "",
    e.perDay ? `${e.perDay}×/day` : "",
    e.perWeek ? `${e.perWeek}×/week` : "",
    side,
  ]
    .filter(Boolean)
    .join(" · ");
}

export const minutes = (seconds: number) => Math.round((seconds / 60) * 100) / 100;

export function runText(run: RunDose): string {
  const block = run.blocks[0];
  if (!block) return "";
  return [
    run.warmUpMinutes ? `warm up ${run.warmUpMinutes} min` : "",
    `${block.repeats} × (run ${minutes(block.runSeconds)} min${block.walkSeconds ? `, walk ${minutes(block.walkSeconds)} min` : ""})`,
    run.perWeek ? `${run.perWeek}×/week` : "",
  ]
    .filter(Boolean)
    .join(" · ");
}

// ---------------------------------------------------------------------------------------------------------------
// The clinician's form

export const withoutSource = <T extends { source?: unknown }>({ source: _source, ...rest }: T) => rest;

/** The load as the form shows it: kg in its own box, and the words without the " + 12.5 kg" we added to them. */
function loadFields(load: ExerciseDose["load"]): { loadKg: string; loadText: string } {
  if (!load) return { loadKg: "", loadText: "" };
  if (load.kg === undefined) return { loadKg: "", loadText: load.text };
  const kg = `${load.kg} kg`;
  const text =
    load.text === kg ? "" : load.text.endsWith(` + ${kg}`) ? load.text.slice(0, -` + ${kg}`.length) : load.text;
  return { loadKg: String(load.kg), loadText: text };
}

export const str = (v: number | string | undefined) => (v === undefined ? "" : String(v));

export function rowValues(e: ExerciseDose) {
  return {
    sets: str(e.sets),
    setsMax: str(e.setsMax),
    reps: str(e.reps),
    repsMax: str(e.repsMax),
    holdSeconds: str(e.holdSeconds),
    ...loadFields(e.load),
    tempo: str(e.tempo),
    perDay: str(e.perDay),
    perWeek: str(e.perWeek),
    side: e.side,
    notes: str(e.notes),
  };
}

/** The dose a form row describes, on top of the program's exercise when it is one. */
function doseOfRow(row: ExerciseDoseRow, base: ExerciseDose | undefined): ExerciseDose {
  const kg = row.loadKg;
  const words = row.loadText;
  const loadText = kg === undefined ? words : words === undefined ? `${kg} kg` : `${words} + ${kg} kg`;
  const sameLoadWords = base?.load && loadText === base.load.text;
  const load = loadText
    ? {
        text: loadText,
        ...(kg !== undefined ? { kg } : {}),
        ...(sameLoadWords && base?.load?.percentBodyWeight !== undefined
          ? { percentBodyWeight: base.load.percentBodyWeight }
          : {}),
      }
    : undefined;
  const dose: ExerciseDose = {
    id: base?.id ?? row.exerciseId ?? "",
    name: base?.name ?? row.name ?? "",
    sets: row.sets,
    setsMax: row.setsMax,
    reps: row.reps,
    repsMax: row.repsMax,
    holdSeconds: row.holdSeconds,
    load,
    restSeconds: base?.restSeconds,
    tempo: row.tempo,
    perDay: row.perDay,
    perWeek: row.perWeek,
    side: row.side ?? base?.side ?? "involved",
    notes: row.notes,
  };
  return compact(dose);
}

/** Drops undefined fields, so stored JSON and comparisons see only what is given. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function sameDose(a: ExerciseDose, b: ExerciseDose): boolean {
  const canonical = (d: ExerciseDose) =>
    JSON.stringify(Object.entries(compact(d)).sort(([x], [y]) => x.localeCompare(y)));
  return canonical(a) === canonical(b);
}

export function runOfForm(run: NonNullable<PersonalDoseForm["run"]>, program: RunDose): RunDose {
  const block = program.blocks[0]!;
  return compact({
    ...program,
    warmUpMinutes: run.warmUpMinutes,
    perWeek: run.perWeek,
    notes: run.notes,
    blocks: [
      compact({
        ...block,
        runSeconds: Math.round(run.runMinutes * 60),
        walkSeconds: Math.round((run.walkMinutes ?? 0) * 60),
        repeats: run.repeats,
      }),
      ...program.blocks.slice(1),
    ],
  });
}

export const sameRun = (a: RunDose, b: RunDose) => JSON.stringify(compact(a)) === JSON.stringify(compact(b));

export type Change = { exerciseId: string; name: string; from: string; to: string };

type Built = { ok: true; entries: PersonalExerciseEntry[] } | { ok: false; fieldErrors: Record<string, string> };

/** The form's rows as stored entries: only what differs from the program (tailored, dropped, added). */
export function entriesOfForm(input: PersonalDoseForm, stage: Stage, current: PersonalDoseVersion | undefined): Built {
  const programExercises = new Map(stage.prescription.exercises.map((e) => [e.id, withoutSource(e)]));
  const addedBefore = new Set(
    (current?.exercises ?? []).filter((e) => e.origin === "added" && !e.dropped).map((e) => e.exerciseId),
  );
  const entries: PersonalExerciseEntry[] = [];
  const seen = new Set<string>();
  const fieldErrors: Record<string, string> = {};
  input.exercises.forEach((row, i) => {
    const dropped = row.drop !== undefined;
    if (row.origin === "new") {
      if (dropped || row.name === undefined) return;
      const dose = doseOfRow({ ...row, exerciseId: `own-${newId().slice(0, 8)}` }, undefined);
      entries.push({ exerciseId: dose.id, origin: "added", dropped: false, dose });
      return;
    }
    const id = row.exerciseId ?? "";
    if (seen.has(id)) return;
    seen.add(id);
    if (row.origin === "program") {
      const base = programExercises.get(id);
      if (!base) {
        fieldErrors[`exercises.${i}.exerciseId`] = "This exercise is not in the patient's stage";
        return;
      }
      if (dropped) entries.push({ exerciseId: id, origin: "program", dropped: true, dose: null });
      else {
        const dose = doseOfRow(row, base);
        if (!sameDose(dose, base)) entries.push({ exerciseId: id, origin: "program", dropped: false, dose });
      }
      return;
    }
    if (!addedBefore.has(id)) {
      fieldErrors[`exercises.${i}.exerciseId`] = "This exercise is not in the patient's dose";
      return;
    }
    // Dropping an exercise added for this patient removes it: there is no program dose to go back to.
    if (!dropped)
      entries.push({
        exerciseId: id,
        origin: "added",
        dropped: false,
        dose: doseOfRow({ ...row, exerciseId: id }, undefined),
      });
  });
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, entries };
}

/** Each exercise whose dose differs between two prescriptions, in words ("—" for none): the audit's from → to. */
export function changesBetween(before: Prescription, after: Prescription): Change[] {
  const words = (p: Prescription) =>
    new Map(p.exercises.map((e) => [e.id, { name: e.name, text: doseText(withoutSource(e)) }]));
  const a = words(before);
  const b = words(after);
  const changes: Change[] = [];
  for (const id of new Set([...a.keys(), ...b.keys()])) {
    const from = a.get(id);
    const to = b.get(id);
    if (from?.text === to?.text) continue;
    changes.push({ exerciseId: id, name: (to ?? from)!.name, from: from?.text ?? "—", to: to?.text ?? "dropped" });
  }
  const runBefore = before.run ? runText(withoutSource(before.run)) : "";
  const runAfter = after.run ? runText(withoutSource(after.run)) : "";
  if (runBefore !== runAfter)
    changes.push({ exerciseId: "run", name: "Run", from: runBefore || "—", to: runAfter || "—" });
  return changes;
}
