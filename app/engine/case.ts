/**
 * Case files: a program (inline, or a built-in program's id), plan facts, history and "today", optionally with the
 * decision expected. Used by `npm run engine -- evaluate <case.json>`, by the tests and by docs/engine.md.
 * Pure: reading the file and finding built-in programs is the caller's job.
 */
import * as z from "zod";
import { localDateOf } from "./dates";
import { DailyLogFactSchema, MeasurementFactSchema, PlanFactsSchema, SignoffFactSchema } from "./facts";
import { LocalDateSchema, PrescriptionSchema, ProgramSchema, type Prescription, type Program } from "./schema";
import type { Decision, EvaluationInput, ExerciseDose, RunDose } from "./types";

const CheckStatusSchema = z.enum(["met", "not_met", "no_data"]);

const CaseExpectationSchema = z.object({
  outcome: z.enum(["advance", "hold", "regress", "complete"]).optional(),
  toStageId: z.string().optional(),
  /** Check id → expected status. */
  checks: z.record(z.string(), CheckStatusSchema).optional(),
  /** Flag codes that must be present. */
  flags: z.array(z.string()).optional(),
  /** Expected dose changes, each matched by exerciseId ('run' for the run): direction, and the new kg or reps. */
  doseChanges: z
    .array(
      z.object({
        exerciseId: z.string(),
        direction: z.enum(["increase", "decrease"]),
        toKg: z.number().optional(),
        toReps: z.number().optional(),
      }),
    )
    .optional(),
});

/** An exercise's dose as a case file states it: the fields it changes from the program's (id and name kept). */
const DoseOverrideSchema = z
  .object({
    sets: z.number().int().positive(),
    reps: z.number().int().positive(),
    repsMax: z.number().int().positive(),
    holdSeconds: z.number().positive(),
    load: z.object({ text: z.string().min(1), kg: z.number().nonnegative().optional() }),
    perDay: z.number().int().positive(),
    perWeek: z.number().positive().max(7),
    notes: z.string(),
  })
  .partial()
  .strict();

/**
 * The patient's own dose in a case: per-exercise overrides of the current stage's prescription (or a whole
 * prescription), and the local date it took effect. Sessions before `since` do not count for progression.
 */
const CaseDoseSchema = z
  .object({
    since: LocalDateSchema,
    exercises: z.record(z.string(), DoseOverrideSchema).optional(),
    run: z
      .object({
        blocks: z.array(
          z.object({
            walkSeconds: z.number().nonnegative(),
            runSeconds: z.number().positive(),
            repeats: z.number().int().positive(),
          }),
        ),
      })
      .optional(),
    /** A whole prescription instead of overrides. */
    prescription: PrescriptionSchema.optional(),
  })
  .strict();

export const CaseFileSchema = z
  .object({
    description: z.string().optional(),
    /** Inline program. */
    program: ProgramSchema.optional(),
    /** Or a built-in program's id (issue 4's library). */
    programId: z.string().optional(),
    plan: PlanFactsSchema,
    /** The patient's local date of the decision… */
    today: LocalDateSchema.optional(),
    /** …or an instant, turned into the local date in plan.timeZone. */
    now: z.string().optional(),
    logs: z.array(DailyLogFactSchema).optional(),
    measurements: z.array(MeasurementFactSchema).optional(),
    signoffs: z.array(SignoffFactSchema).optional(),
    /** The patient's own dose of the current stage (EvaluationInput.dose). */
    dose: CaseDoseSchema.optional(),
    expect: CaseExpectationSchema.optional(),
  })
  .refine((c) => (c.program === undefined) !== (c.programId === undefined), {
    message: "give exactly one of 'program' (inline) or 'programId' (built-in)",
    path: ["program"],
  })
  .refine((c) => (c.today === undefined) !== (c.now === undefined), {
    message: "give exactly one of 'today' (local date) or 'now' (an instant)",
    path: ["today"],
  });

export type CaseFile = z.infer<typeof CaseFileSchema>;
export type CaseExpectation = z.infer<typeof CaseExpectationSchema>;

/** Turns a parsed case into engine input; `builtIn` supplies the program when the case names one by id. */
export function caseToInput(c: CaseFile, builtIn?: Program): EvaluationInput {
  const program = c.program ?? builtIn;
  if (!program) throw new Error(`case names built-in program '${c.programId}' but none was supplied`);
  return {
    program,
    plan: c.plan,
    today: c.today ?? localDateOf(c.now!, c.plan.timeZone),
    logs: c.logs ?? [],
    measurements: c.measurements ?? [],
    signoffs: c.signoffs ?? [],
    ...(c.dose ? { dose: { prescription: casePrescription(c, program), since: c.dose.since } } : {}),
  };
}

/** The case's dose applied to the current stage's prescription: a whole prescription, or overrides by exercise id. */
function casePrescription(c: CaseFile, program: Program): Prescription {
  const dose = c.dose!;
  const stage = program.stages.find((s) => s.id === c.plan.currentStageId);
  if (!stage) throw new Error(`case's current stage '${c.plan.currentStageId}' is not in program '${program.id}'`);
  if (dose.prescription !== undefined) return dose.prescription;
  const overrides = dose.exercises ?? {};
  for (const id of Object.keys(overrides))
    if (!stage.prescription.exercises.some((e) => e.id === id))
      throw new Error(`case's dose names exercise '${id}', which stage '${stage.id}' does not have`);
  const exercises = stage.prescription.exercises.map((e): ExerciseDose => {
    const { source: _source, progression: _progression, ...base } = e;
    return { ...base, ...overrides[e.id] };
  });
  const programRun = stage.prescription.run;
  let run: RunDose | undefined;
  if (programRun) {
    const { source: _source, progression: _progression, ...base } = programRun;
    run = dose.run ? { ...base, blocks: dose.run.blocks } : base;
  }
  return { ...stage.prescription, exercises, ...(run ? { run } : {}) };
}

/** Differences between a decision and a case's expectation (empty = as expected). */
export function expectationMismatches(decision: Decision, e: CaseExpectation | undefined): string[] {
  if (!e) return [];
  const out: string[] = [];
  if (e.outcome && decision.outcome !== e.outcome) out.push(`outcome: expected ${e.outcome}, got ${decision.outcome}`);
  if (e.toStageId && decision.toStageId !== e.toStageId)
    out.push(`toStageId: expected ${e.toStageId}, got ${decision.toStageId}`);
  for (const [id, status] of Object.entries(e.checks ?? {})) {
    const check = decision.checks.find((k) => k.id === id);
    if (!check) out.push(`check ${id}: missing`);
    else if (check.status !== status) out.push(`check ${id}: expected ${status}, got ${check.status}`);
  }
  const codes = new Set(decision.flags.map((f) => f.code as string));
  for (const f of e.flags ?? []) if (!codes.has(f)) out.push(`flag ${f}: missing`);
  for (const want of e.doseChanges ?? []) {
    const change = decision.doseChanges.find((d) => (d.exerciseId ?? "run") === want.exerciseId);
    if (!change) {
      out.push(`dose change ${want.exerciseId}: missing`);
      continue;
    }
    if (change.direction !== want.direction)
      out.push(`dose change ${want.exerciseId}: expected ${want.direction}, got ${change.direction}`);
    const to = change.part === "exercise" ? change.to : null;
    if (want.toKg !== undefined && to?.load?.kg !== want.toKg)
      out.push(`dose change ${want.exerciseId}: expected ${want.toKg} kg, got ${to?.load?.kg}`);
    if (want.toReps !== undefined && to?.reps !== want.toReps)
      out.push(`dose change ${want.exerciseId}: expected ${want.toReps} reps, got ${to?.reps}`);
  }
  return out;
}
