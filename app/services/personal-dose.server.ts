import type { DB } from "~/db/client.server.ts";
import type { Plan } from "~/db/types.ts";
import type { Prescription, Program, Stage } from "~/engine/index.ts";
import { recordAudit } from "~/models/audit.server.ts";
import {
  getPersonalDose,
  getPreparedDose,
  insertPersonalDose,
  isDuplicateVersion,
  latestDoseVersionOfPlan,
  PREPARED,
  type ExerciseDose,
  type PersonalDoseVersion,
  type PersonalExerciseEntry,
  type RunDose,
} from "~/models/personal-dose.server.ts";
import { getPlanInClinic } from "~/models/plan.server.ts";
import type { ExerciseDoseRow, PersonalDoseForm } from "~/schemas/personal-dose.ts";
import { newId } from "~/utils/ids.server.ts";
import { programOfPlan } from "./evaluation.server.ts";

// A patient's own dose of their current stage (docs/decisions/052-personal-prescription.md): the program's
// prescription with the exercises the physio tailored, dropped or added for this patient, and the run as tailored.
// Stored as versions per stay in a stage; a new stay (any stage change) starts from the program's dose.

type Clinician = { id: string; clinic_id: string; role: "clinician" };
type Exercise = Prescription["exercises"][number];

const stayOf = (plan: Pick<Plan, "current_stage_id" | "stage_entered_on">) => ({
  stageId: plan.current_stage_id,
  stageEnteredOn: plan.stage_entered_on,
});

/**
 * The stage's prescription with the patient's dose applied (pure): tailored exercises replace the program's (matched
 * by exercise id, so a program version that keeps the id keeps the patient's dose), dropped ones are left out, added
 * ones come last. An entry naming an exercise the stage no longer has is ignored.
 */
export function personalPrescription(stage: Stage, dose: PersonalDoseVersion | undefined): Prescription {
  const prescription = stage.prescription;
  if (!dose) return prescription;
  const entries = new Map(dose.exercises.map((e) => [e.exerciseId, e]));
  const fromProgram = prescription.exercises.flatMap((e): Exercise[] => {
    const entry = entries.get(e.id);
    if (!entry || entry.origin !== "program") return [e];
    if (entry.dropped || !entry.dose) return [];
    return [{ ...entry.dose, id: e.id, name: e.name }];
  });
  const added = dose.exercises.flatMap((e) => (e.origin === "added" && !e.dropped && e.dose ? [e.dose] : []));
  const run = prescription.run && dose.run ? { ...dose.run, source: prescription.run.source } : prescription.run;
  return { ...prescription, exercises: [...fromProgram, ...added], ...(run ? { run } : {}) };
}

/** The prescription the patient follows today: their plan's current stage with their own dose. */
export async function currentPrescriptionOf(db: DB, plan: Plan, stage: Stage): Promise<Prescription> {
  return personalPrescription(stage, await getPersonalDose(db, plan.id, stayOf(plan)));
}

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

const minutes = (seconds: number) => Math.round((seconds / 60) * 100) / 100;

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

const withoutSource = <T extends { source?: unknown }>({ source: _source, ...rest }: T) => rest;

/** The load as the form shows it: kg in its own box, and the words without the " + 12.5 kg" we added to them. */
function loadFields(load: ExerciseDose["load"]): { loadKg: string; loadText: string } {
  if (!load) return { loadKg: "", loadText: "" };
  if (load.kg === undefined) return { loadKg: "", loadText: load.text };
  const kg = `${load.kg} kg`;
  const text =
    load.text === kg ? "" : load.text.endsWith(` + ${kg}`) ? load.text.slice(0, -` + ${kg}`.length) : load.text;
  return { loadKg: String(load.kg), loadText: text };
}

const str = (v: number | string | undefined) => (v === undefined ? "" : String(v));

function rowValues(e: ExerciseDose) {
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

export type DoseRowView = {
  exerciseId: string;
  origin: "program" | "added";
  name: string;
  /** The program's dose in words; null for an exercise added for this patient. */
  programText: string | null;
  tailored: boolean;
  dropped: boolean;
  values: ReturnType<typeof rowValues>;
};

/**
 * What the clinician's dose form needs: each exercise with the program's dose beside the patient's, the run, the
 * version the form posts back, who last changed it, and whether a new stage's dose is still to be reviewed.
 */
async function doseFormView(db: DB, plan: Plan, program: Program, stage: Stage) {
  const preparing = stage.id !== plan.current_stage_id;
  const dose = preparing
    ? await getPreparedDose(db, plan.id, stage.id)
    : await getPersonalDose(db, plan.id, stayOf(plan));
  const current = personalPrescription(stage, dose);
  const entries = new Map((dose?.exercises ?? []).map((e) => [e.exerciseId, e]));
  const rows: DoseRowView[] = [
    ...stage.prescription.exercises.map((e): DoseRowView => {
      const entry = entries.get(e.id);
      const patient = entry?.origin === "program" && entry.dose ? entry.dose : withoutSource(e);
      return {
        exerciseId: e.id,
        origin: "program",
        name: e.name,
        programText: doseText(withoutSource(e)),
        tailored: Boolean(entry && entry.origin === "program" && !entry.dropped),
        dropped: Boolean(entry?.dropped),
        values: rowValues(patient),
      };
    }),
    ...(dose?.exercises ?? []).flatMap((e): DoseRowView[] =>
      e.origin === "added" && !e.dropped && e.dose
        ? [
            {
              exerciseId: e.exerciseId,
              origin: "added",
              name: e.dose.name,
              programText: null,
              tailored: true,
              dropped: false,
              values: rowValues(e.dose),
            },
          ]
        : [],
    ),
  ];
  const programRun = stage.prescription.run;
  const run = current.run;
  const block = run?.blocks[0];
  return {
    planId: plan.id,
    stageId: stage.id,
    /** "current": the stage the patient is in; "prepared": a coming stage's starting dose. */
    target: preparing ? ("prepared" as const) : ("current" as const),
    stageName: stage.name,
    stageNumber: program.stages.indexOf(stage) + 1,
    /** The other stages a dose can be prepared for. */
    otherStages: program.stages
      .map((s, i) => ({ id: s.id, label: `${i + 1}. ${s.name}` }))
      .filter((s) => s.id !== plan.current_stage_id),
    /** Set when the current stay starts from a dose prepared before the patient entered the stage. */
    fromPrepared: !preparing && dose?.stageEnteredOn === PREPARED,
    doseVersion: dose?.version ?? (await latestDoseVersionOfPlan(db, plan.id)),
    rows,
    run:
      programRun && run && block
        ? {
            programText: runText(withoutSource(programRun)),
            tailored: Boolean(dose?.run),
            values: {
              warmUpMinutes: str(run.warmUpMinutes),
              runMinutes: String(minutes(block.runSeconds)),
              walkMinutes: str(block.walkSeconds ? minutes(block.walkSeconds) : undefined),
              repeats: String(block.repeats),
              perWeek: str(run.perWeek),
              notes: str(run.notes),
            },
          }
        : null,
    lastChange: dose ? { at: dose.createdAt, reason: dose.reason, changedBy: dose.changedBy } : null,
    /** The patient entered this stage by a stage change and nobody has looked at its dose since. */
    reviewDue: !preparing && !dose && isNewStage(plan),
    programVersion: program.version,
  };
}

/**
 * The dose form of a live plan of the clinic: for its current stage, or for `preparingStageId` (another stage of its
 * program, whose starting dose the physio prepares); null for a plan that is not live.
 */
export async function doseFormOfPlan(db: DB, clinicId: string, planId: string, preparingStageId?: string) {
  const plan = await getPlanInClinic(db, clinicId, planId);
  if (!plan || (plan.status !== "active" && plan.status !== "paused")) return null;
  const program = programOfPlan(plan);
  const stage =
    program.stages.find((s) => s.id === preparingStageId) ?? program.stages.find((s) => s.id === plan.current_stage_id);
  return stage ? doseFormView(db, plan, program, stage) : null;
}

export type DoseFormView = NonNullable<Awaited<ReturnType<typeof doseFormOfPlan>>>;

/** A stay that began with a stage change, after the plan's first day (triage asks the same). */
function isNewStage(plan: Plan): boolean {
  return plan.stage_entered_on > plan.start_date;
}

// ---------------------------------------------------------------------------------------------------------------
// Saving

export type TailorResult =
  | { ok: true; version: number; changed: number }
  | { ok: false; status: 404; message: string }
  | { ok: false; status: 409; message: string; fieldErrors: Record<string, string> }
  | { ok: false; status: 400; fieldErrors: Record<string, string> };

const STALE =
  "The dose changed since you opened this page (someone else saved it, or the stage or program version changed). Nothing was saved: the form now shows the current dose — make your change again.";

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

function runOfForm(run: NonNullable<PersonalDoseForm["run"]>, program: RunDose): RunDose {
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

const sameRun = (a: RunDose, b: RunDose) => JSON.stringify(compact(a)) === JSON.stringify(compact(b));

type Change = { exerciseId: string; name: string; from: string; to: string };

/**
 * Saves the clinician's dose for the patient's current stage as a new version, with an audit row naming each change
 * (from → to) and the reason. Refused, with nothing written, when the dose or the stage changed since the form was
 * opened (`doseVersion`, and the stage the form was for): no lost update, on SQLite and PostgreSQL alike.
 */
export async function tailorDose(db: DB, clinician: Clinician, input: PersonalDoseForm): Promise<TailorResult> {
  try {
    return await db.transaction().execute(async (trx): Promise<TailorResult> => {
      const plan = await getPlanInClinic(trx, clinician.clinic_id, input.planId);
      if (!plan) return { ok: false, status: 404, message: "Plan not found" };
      if (plan.status !== "active" && plan.status !== "paused")
        return { ok: false, status: 400, fieldErrors: { doseReason: `This plan is ${plan.status}.` } };
      const program = programOfPlan(plan);
      const preparing = input.target === "prepared";
      const stage = program.stages.find((s) => s.id === input.stageId);
      const current = preparing
        ? await getPreparedDose(trx, plan.id, input.stageId)
        : await getPersonalDose(trx, plan.id, stayOf(plan));
      const currentVersion = current?.version ?? (await latestDoseVersionOfPlan(trx, plan.id));
      // A preparation for the stage the patient has entered since is stale as well: the live dose is what to change.
      const stale =
        (preparing ? input.stageId === plan.current_stage_id : input.stageId !== plan.current_stage_id) ||
        input.doseVersion !== currentVersion ||
        input.programVersion !== plan.program_version;
      if (!stage || stale) return { ok: false, status: 409, message: STALE, fieldErrors: { doseVersion: STALE } };
      const stay = preparing ? { stageId: stage.id, stageEnteredOn: PREPARED } : stayOf(plan);
      const cause = preparing ? ("prepared" as const) : ("tailored" as const);

      const built = entriesOfForm(input, stage, current);
      if (!built.ok) return { ok: false, status: 400, fieldErrors: built.fieldErrors };
      const programRun = stage.prescription.run;
      const run = programRun && input.run ? runOfForm(input.run, withoutSource(programRun)) : null;
      const tailoredRun = run && programRun && !sameRun(run, withoutSource(programRun)) ? run : null;

      const before = personalPrescription(stage, current);
      const version = (await latestDoseVersionOfPlan(trx, plan.id)) + 1;
      const next: PersonalDoseVersion = {
        version,
        ...stay,
        exercises: built.entries,
        run: tailoredRun,
        cause,
        reason: input.doseReason,
        changedBy: clinician.id,
        createdAt: "",
      };
      const after = personalPrescription(stage, next);
      await insertPersonalDose(trx, {
        clinicId: plan.clinic_id,
        planId: plan.id,
        version,
        ...stay,
        programVersion: plan.program_version,
        exercises: built.entries,
        run: tailoredRun,
        cause,
        reason: input.doseReason,
        changedBy: clinician.id,
      });
      const changes = changesBetween(before, after);
      await recordAudit(trx, {
        clinicId: plan.clinic_id,
        actor: clinician,
        action: preparing ? "plan.dose_prepared" : "plan.dose_tailored",
        entityType: "plan",
        entityId: plan.id,
        planId: plan.id,
        detail: { stageId: stage.id, version, reason: input.doseReason, changes },
      });
      return { ok: true, version, changed: changes.length };
    });
  } catch (error) {
    // Two saves from the same version at the same moment: the unique (plan, version) index let only one in.
    if (isDuplicateVersion(error))
      return { ok: false, status: 409, message: STALE, fieldErrors: { doseVersion: STALE } };
    throw error;
  }
}

type Built = { ok: true; entries: PersonalExerciseEntry[] } | { ok: false; fieldErrors: Record<string, string> };

/** The form's rows as stored entries: only what differs from the program (tailored, dropped, added). */
function entriesOfForm(input: PersonalDoseForm, stage: Stage, current: PersonalDoseVersion | undefined): Built {
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
function changesBetween(before: Prescription, after: Prescription): Change[] {
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

/**
 * When a plan moves to another program version (call inside its transaction, after the move): the patient's dose is
 * kept, matched by exercise id; a tailoring of an exercise the new version no longer has in this stage is removed,
 * in a new version that says so. Returns the names of the exercises whose tailoring was removed.
 */
export async function carryDoseToVersion(trx: DB, actor: Clinician, plan: Plan, program: Program): Promise<string[]> {
  const current = await getPersonalDose(trx, plan.id, stayOf(plan));
  const stage = program.stages.find((s) => s.id === plan.current_stage_id);
  if (!current || !stage) return [];
  const kept = new Set(stage.prescription.exercises.map((e) => e.id));
  const oldStage = programOfPlan(plan).stages.find((s) => s.id === plan.current_stage_id);
  const gone = current.exercises.filter((e) => e.origin === "program" && !kept.has(e.exerciseId));
  const runGone = current.run !== null && !stage.prescription.run;
  if (gone.length === 0 && !runGone) return [];
  const names = gone.map(
    (e) => oldStage?.prescription.exercises.find((x) => x.id === e.exerciseId)?.name ?? e.exerciseId,
  );
  const reason = `Version ${program.version} no longer has ${[...names, ...(runGone ? ["the run"] : [])].join(", ")} in this stage`;
  const version = (await latestDoseVersionOfPlan(trx, plan.id)) + 1;
  await insertPersonalDose(trx, {
    clinicId: plan.clinic_id,
    planId: plan.id,
    version,
    ...stayOf(plan),
    programVersion: program.version,
    exercises: current.exercises.filter((e) => !gone.includes(e)),
    run: runGone ? null : current.run,
    cause: "version_move",
    reason,
    changedBy: actor.id,
  });
  await recordAudit(trx, {
    clinicId: plan.clinic_id,
    actor,
    action: "plan.dose_tailored",
    entityType: "plan",
    entityId: plan.id,
    planId: plan.id,
    detail: {
      stageId: stage.id,
      version,
      reason,
      changes: gone.map((e, i) => ({
        exerciseId: e.exerciseId,
        name: names[i],
        from: e.dose ? doseText(e.dose) : "dropped",
        to: "not in this version",
      })),
    },
  });
  return names;
}
