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
  type PersonalDoseVersion,
} from "~/models/personal-dose.server.ts";
import { getPlanInClinic } from "~/models/plan.server.ts";
import type { PersonalDoseForm } from "~/schemas/personal-dose.ts";
import { programOfPlan } from "./evaluation.server.ts";
import { personalPrescription } from "./personal-prescription.server.ts";

export { personalPrescription };
import {
  changesBetween,
  doseText,
  entriesOfForm,
  minutes,
  rowValues,
  runOfForm,
  runText,
  sameRun,
  str,
  withoutSource,
} from "./personal-dose-form.server.ts";

// A patient's own dose of their current stage (docs/decisions/052-personal-prescription.md): the program's
// prescription with the exercises the physio tailored, dropped or added for this patient, and the run as tailored.
// Stored as versions per stay in a stage; a new stay (any stage change) starts from the program's dose, or from a
// dose the physio prepared for that stage. Form conversion and words: personal-dose-form.server.ts.

type Clinician = { id: string; clinic_id: string; role: "clinician" };

const stayOf = (plan: Pick<Plan, "current_stage_id" | "stage_entered_on">) => ({
  stageId: plan.current_stage_id,
  stageEnteredOn: plan.stage_entered_on,
});

/** The prescription the patient follows today: their plan's current stage with their own dose. */
export async function currentPrescriptionOf(db: DB, plan: Plan, stage: Stage): Promise<Prescription> {
  return personalPrescription(stage, await getPersonalDose(db, plan.id, stayOf(plan)));
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
      // The plan's latest version is read once, before the dose it checks: the new row takes the next number after
      // it, so a save committed in between (PostgreSQL reads each statement afresh) either shows here as stale or
      // collides with this one on the unique (plan, version) index. Never a second version built on a stale read.
      const latestVersion = await latestDoseVersionOfPlan(trx, plan.id);
      const current = preparing
        ? await getPreparedDose(trx, plan.id, input.stageId)
        : await getPersonalDose(trx, plan.id, stayOf(plan));
      const currentVersion = current?.version ?? latestVersion;
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
      const version = latestVersion + 1;
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
