import type { Program } from "~/engine/index.ts";

export type LoggedExercise = {
  exerciseId: string;
  status: string;
  // Older logs and the demo seed store null for a value not given.
  sets?: number | null;
  reps?: number | null;
  loadKg?: number | null;
};

/** Everything Stagewise holds about one patient's care, as plain data, ready for CSV or FHIR. */
export type PatientRecord = {
  exportedAt: string;
  patient: {
    id: string;
    name: string;
    email: string;
    timeZone: string;
    condition: string;
    involvedSide: string;
    injuryDate: string | null;
    surgeryDate: string | null;
  };
  clinician: { id: string; name: string } | null;
  plans: Array<{
    id: string;
    status: string;
    startDate: string;
    currentStageId: string;
    goalText: string | null;
    goalTargetDate: string | null;
    program: Program;
    /** Exercises the physio added for this patient only (not in the program), by id. */
    ownExercises?: Record<string, string>;
  }>;
  logs: Array<{
    planId: string;
    date: string;
    morningPain: number | null;
    morningStiffness: number | null;
    sessionDone: string;
    painDuring: number | null;
    painAfter: number | null;
    painAtRest: number | null;
    sessionMinutes: number | null;
    sessionRpe: number | null;
    runningMinutes: number | null;
    swelling: string | null;
    soreness: string | null;
    exercises: LoggedExercise[];
    otherActivities: Array<{ label: string; minutes: number; rpe: number }>;
    /** Pain (0–10) on each named provocation or monitoring test, by test id. */
    testPain: Record<string, number>;
    notes: string | null;
  }>;
  measurements: Array<{
    id: string;
    planId: string;
    date: string;
    measure: string;
    side: string | null;
    value: number;
    answers: unknown;
  }>;
  decisions: Array<{
    id: string;
    planId: string;
    evaluatedFor: string;
    outcome: string;
    fromStageId: string;
    toStageId: string;
    status: string;
    engineVersion: string;
    programVersion: number;
    clinicianSummary: string;
    createdAt: string;
    reviewedAt: string | null;
    reviewedBy: string | null;
    reviewReason: string | null;
  }>;
  /**
   * The personal dose history (ADR 052, 056): one entry per exercise (or the run) a dose version changed, oldest
   * first. Optional so a record built before it still exports.
   */
  doseHistory?: Array<{
    planId: string;
    /** The plan's dose version that made the change. */
    version: number;
    /** The patient's local date it was saved. */
    date: string;
    recordedAt: string;
    stageId: string;
    /** True for a dose prepared for a coming stage. */
    prepared: boolean;
    exercise: string;
    from: string;
    to: string;
    /** tailored, prepared, version_move, progression, step_back, regress. */
    cause: string;
    reason: string;
    /** The clinician's name, or null when the engine applied it automatically. */
    changedBy: string | null;
    changedById: string | null;
  }>;
  /** The messages of the patient's plans (ADR 054), oldest first. Optional so a record built before it still exports. */
  messages?: Array<{
    id: string;
    planId: string;
    sentAt: string;
    readAt: string | null;
    authorId: string;
    authorRole: "patient" | "clinician";
    authorName: string;
    body: string;
  }>;
};

/** An exercise's name in the plan's program (any stage) or among those added for the patient, else its id read aloud. */
export function exerciseName(
  program: Program | undefined,
  exerciseId: string,
  ownExercises?: Record<string, string>,
): string {
  const own = ownExercises?.[exerciseId];
  if (own !== undefined) return own;
  for (const stage of program?.stages ?? [])
    for (const e of stage.prescription.exercises) if (e.id === exerciseId) return e.name;
  return exerciseId.replace(/[_-]+/g, " ");
}

/** A stage's name in the plan's program, or its id when the program no longer has it. */
export function stageName(program: Program | undefined, stageId: string): string {
  return program?.stages.find((s) => s.id === stageId)?.name ?? stageId;
}
