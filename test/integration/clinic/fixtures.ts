import type { DB } from "~/db/client.server.ts";
import { addDays, ProgramSchema, type Program } from "~/engine/index.ts";
import { createClinicProgram } from "~/services/program-editor.server.ts";
import { startPlan } from "~/services/plan.server.ts";
import { todayIn } from "~/utils/dates.ts";
import { newId } from "~/utils/ids.server.ts";
import { createClinicWithCast } from "../../support/factories.ts";

/** A small two-stage program: stage 1 advances after 3 days with pain during ≤ 3 and a clinician sign-off. */
export const twoStageProgram: Program = ProgramSchema.parse({
  id: "test-two-stage",
  version: 1,
  name: "Two-stage test program",
  condition: "Achilles tendinopathy",
  summary: "Load, then build.",
  painModel: {
    name: "Test model",
    duringMax: 3,
    afterMax: null,
    inclusive: true,
    settleBy: "none",
    weekOnWeek: "none",
    redFlagPain: 7,
  },
  citations: [],
  stages: [
    {
      id: "load",
      name: "Load",
      goal: "Start loading",
      instructions: "Do the exercises.",
      minDays: 3,
      prescription: {
        exercises: [{ id: "heel-raise", name: "Heel raise", sets: 3, reps: 15, side: "both" }],
        frequencyPerWeek: 7,
      },
      gates: [
        { id: "pain-ok", kind: "pain", metric: "during", aggregate: "max", window: { days: 3 } },
        { id: "exam", kind: "signoff", itemId: "exam_clear", prompt: "Clinical exam clear" },
      ],
      regressRules: [],
    },
    {
      id: "build",
      name: "Build",
      goal: "Build capacity",
      instructions: "Heavier.",
      minDays: 0,
      prescription: {
        exercises: [{ id: "weighted-raise", name: "Weighted heel raise", sets: 3, reps: 15, side: "involved" }],
      },
      gates: [],
      regressRules: [
        {
          id: "flare",
          label: "Pain flare",
          criteria: [
            {
              id: "high-pain",
              kind: "pain",
              metric: "during",
              aggregate: "latest",
              window: { days: 2 },
              comparator: "gte",
              threshold: 7,
            },
          ],
          action: { to: "previous" },
        },
      ],
    },
  ],
});

/** A clinic (with its own copy of the test program), a clinician, two patients, and a second clinic. */
export async function clinicWithProgram(db: DB) {
  const cast = await createClinicWithCast(db, "Home clinic");
  const other = await createClinicWithCast(db, "Other clinic");
  const programId = await createClinicProgram(db, cast.clinician, twoStageProgram);
  return { ...cast, other, programId };
}

/** Patient A on the test program, started `daysAgo` days ago in stage 1. */
export async function planStartedDaysAgo(db: DB, cast: Awaited<ReturnType<typeof clinicWithProgram>>, daysAgo: number) {
  const today = todayIn("Europe/London");
  const program = ProgramSchema.parse(
    JSON.parse(
      (
        await db
          .selectFrom("program_version")
          .select("definition")
          .where("program_id", "=", cast.programId)
          .executeTakeFirstOrThrow()
      ).definition,
    ),
  );
  const started = await startPlan(db, cast.clinician, {
    patientId: cast.patientA.id,
    program,
    startStageId: "load",
    startDate: addDays(today, -daysAgo),
    approvalMode: "confirm",
    involvedSide: "right",
    goalText: "Run 10 km pain-free",
  });
  if (!started.ok) throw new Error(JSON.stringify(started.fieldErrors));
  return { planId: started.planId, today };
}

/** Test-only: daily logs written straight to the table (the patient app is another issue's work). */
export async function seedLogs(
  db: DB,
  args: {
    clinicId: string;
    planId: string;
    patientId: string;
    days: Array<{ date: string; painDuring: number; morningPain?: number }>;
  },
) {
  for (const d of args.days) {
    await db
      .insertInto("daily_log")
      .values({
        id: newId(),
        clinic_id: args.clinicId,
        plan_id: args.planId,
        patient_id: args.patientId,
        log_date: d.date,
        morning_pain: d.morningPain ?? 1,
        morning_stiffness: 1,
        session_done: "done",
        pain_during: d.painDuring,
        pain_after: d.painDuring,
        pain_at_rest: 0,
        session_minutes: 30,
        session_rpe: 5,
        running_minutes: null,
        swelling: "none",
        soreness: "none",
        exercises: JSON.stringify([{ exerciseId: "heel-raise", status: "done", sets: 3, reps: 15 }]),
        other_activities: null,
        test_pain: null,
        notes: null,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .execute();
  }
}

export function lastDays(today: string, n: number, painDuring: number) {
  return Array.from({ length: n }, (_, i) => ({ date: addDays(today, -(n - 1 - i)), painDuring }));
}
