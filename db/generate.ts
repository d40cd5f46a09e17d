import type { DB } from "~/db/client.server.ts";
import type { DailyLog, NewDailyLog, NewDecision, Plan } from "~/db/types.ts";
import { addDays, type Program } from "~/engine/index.ts";
import { decisionRow } from "~/models/decision.server.ts";
import { HISTORY_DAYS, toLogFact, toMeasurementFact } from "~/models/facts.server.ts";
import { builtInPrograms } from "~/programs/index.ts";
import { decidePlan, evaluatePlan } from "~/services/evaluation.server.ts";
import { todayIn } from "~/utils/dates.ts";
import { newId } from "~/utils/ids.server.ts";
import { hashPassword } from "~/utils/password.server.ts";
import { seededRandom } from "./seeded-random.ts";

export type GenerateOptions = {
  patients: number;
  days: number;
  today?: Date;
  password?: string;
  onProgress?: (done: number) => void;
};

const TIME_ZONE = "Europe/London";
const BATCH = 400;
const DECISION_BATCH = 100;

const clamp = (v: number) => Math.max(0, Math.min(10, Math.round(v)));

/**
 * A realistic large clinic for benchmarks: one clinician per ~100 patients, every patient on a built-in program,
 * `days` of daily logs (about 85 % adherence, pain settling with flare-ups), weekly capacity tests, and the engine's
 * decisions: one for every logged day, as the app records one on every save, and today's. Returns the e-mail addresses
 * of one clinician and one patient to drive the benchmark.
 */
export async function generateLargeClinic(db: DB, options: GenerateOptions) {
  const r = seededRandom(42);
  const today = todayIn(TIME_ZONE, options.today ?? new Date());
  const passwordHash = await hashPassword(options.password ?? "stagewise-demo");
  const clinicId = newId();
  const now = new Date().toISOString();
  const tag = clinicId.slice(0, 8);
  const clinicianCount = Math.max(1, Math.round(options.patients / 100));

  await db
    .insertInto("clinic")
    .values({ id: clinicId, name: `Large clinic ${tag}`, created_at: now })
    .execute();
  const clinicians = Array.from({ length: clinicianCount }, (_, i) => ({
    id: newId(),
    clinic_id: clinicId,
    role: "clinician" as const,
    email: `clinician${i + 1}.${tag}@large.stagewise.test`,
    name: `Clinician ${i + 1}`,
    password_hash: passwordHash,
    time_zone: TIME_ZONE,
    created_at: now,
    password_changed_at: now,
  }));
  await db.insertInto("app_user").values(clinicians).execute();

  const programs: Program[] = builtInPrograms;
  const planRows: Array<{ id: string; patientId: string }> = [];
  for (let start = 0; start < options.patients; start += 100) {
    const count = Math.min(100, options.patients - start);
    await db.transaction().execute(async (trx) => {
      for (let k = 0; k < count; k++) {
        const index = start + k;
        const clinician = clinicians[index % clinicianCount]!;
        const program = programs[index % programs.length]!;
        const patientId = newId();
        const side = r() < 0.5 ? "left" : "right";
        await trx
          .insertInto("app_user")
          .values({
            id: patientId,
            clinic_id: clinicId,
            role: "patient",
            email: `patient${index + 1}.${tag}@large.stagewise.test`,
            name: `Patient ${index + 1}`,
            password_hash: passwordHash,
            time_zone: TIME_ZONE,
            created_at: now,
            password_changed_at: now,
          })
          .execute();
        await trx
          .insertInto("patient_profile")
          .values({
            user_id: patientId,
            clinic_id: clinicId,
            clinician_id: clinician.id,
            condition: program.condition,
            involved_side: side,
            injury_date: null,
            surgery_date: null,
            created_at: now,
            joined_at: now,
          })
          .execute();
        // Spread plans across their programs' stages.
        const stageIndex = Math.min(program.stages.length - 1, Math.floor(r() * program.stages.length));
        const stage = program.stages[stageIndex]!;
        const startDate = addDays(today, -options.days);
        const planId = newId();
        const plan: Plan = {
          id: planId,
          clinic_id: clinicId,
          patient_id: patientId,
          clinician_id: clinician.id,
          program_id: program.id,
          program_version: program.version,
          program_snapshot: JSON.stringify(program),
          current_stage_id: stage.id,
          stage_entered_on: addDays(today, -Math.floor(r() * Math.min(40, options.days))),
          last_regress_on: null,
          start_date: startDate,
          injury_date: addDays(startDate, -10),
          surgery_date: null,
          involved_side: side,
          status: "active",
          approval_mode: "confirm",
          goal_text: "Back to my sport without pain",
          goal_activity: null,
          goal_target_date: addDays(today, 60),
          created_at: now,
          updated_at: now,
          version: 0,
          dose_approval_mode: "confirm",
        };
        await trx.insertInto("plan").values(plan).execute();
        planRows.push({ id: planId, patientId });

        const logs: NewDailyLog[] = [];
        const measurements = [];
        const base = 2 + r() * 3;
        for (let day = 0; day < options.days; day++) {
          const date = addDays(startDate, day);
          if (date >= today) break;
          if (day % 7 === 4) {
            for (const mSide of ["left", "right"] as const) {
              measurements.push({
                id: newId(),
                clinic_id: clinicId,
                plan_id: planId,
                patient_id: patientId,
                measured_on: date,
                measure: "single_leg_heel_raise_reps",
                side: mSide,
                value: mSide === side ? 10 + Math.floor(day / 10) : 25,
                answers: null,
                recorded_by: clinician.id,
                created_at: now,
              });
            }
          }
          if (r() < 0.15) continue;
          const flare = r() < 0.04 ? 3 : 0;
          const pain = clamp(base - day / 60 + flare + (r() - 0.5) * 1.5);
          logs.push({
            id: newId(),
            clinic_id: clinicId,
            plan_id: planId,
            patient_id: patientId,
            log_date: date,
            morning_pain: clamp(pain - 1),
            morning_stiffness: clamp(pain),
            session_done: r() < 0.9 ? "done" : "partial",
            pain_during: pain,
            pain_after: clamp(pain - 1),
            pain_at_rest: null,
            session_minutes: 30 + Math.floor(r() * 20),
            session_rpe: clamp(3 + r() * 4),
            running_minutes: program.stages.some((s) => s.prescription.run) ? Math.floor(r() * 30) : null,
            swelling: null,
            soreness: null,
            exercises: null,
            other_activities: null,
            test_pain: null,
            notes: null,
            created_at: now,
            updated_at: now,
          });
        }
        for (let i = 0; i < logs.length; i += BATCH)
          await trx
            .insertInto("daily_log")
            .values(logs.slice(i, i + BATCH))
            .execute();
        for (let i = 0; i < measurements.length; i += BATCH)
          await trx
            .insertInto("measurement")
            .values(measurements.slice(i, i + BATCH))
            .execute();
        const decisions = pastDecisions(plan, logs, measurements);
        for (let i = 0; i < decisions.length; i += DECISION_BATCH)
          await trx
            .insertInto("decision")
            .values(decisions.slice(i, i + DECISION_BATCH))
            .execute();
      }
    });
    options.onProgress?.(start + count);
  }

  // Every plan gets today's decision through the real evaluation service.
  for (const row of planRows) {
    const plan = await db.selectFrom("plan").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
    await evaluatePlan(db, { plan, timeZone: TIME_ZONE, actor: null, today });
  }
  return { clinicId, clinicianEmail: clinicians[0]!.email, patientEmail: `patient1.${tag}@large.stagewise.test` };
}

/**
 * The decision the app would have recorded on each logged day before today, by the real engine on the history up to
 * that day (so the decision table has a real plan's size and shape). Simplified: the plan's current stage stands for
 * its whole history (before the day it was entered, as if entered at the plan's start), and a past advance or regress
 * is stored as superseded rather than moving the plan.
 */
function pastDecisions(
  plan: Plan,
  logs: NewDailyLog[],
  measurements: Array<{ measured_on: string; measure: string; side: string | null; value: number }>,
): NewDecision[] {
  const history = logs.map((l) => toLogFact(l as DailyLog));
  const measured = measurements.map(toMeasurementFact);
  const rows: NewDecision[] = [];
  let first = 0;
  let measuredUpTo = 0;
  for (let i = 0; i < history.length; i++) {
    const day = history[i]!.date;
    while (history[first]!.date < addDays(day, -HISTORY_DAYS)) first++;
    while (measuredUpTo < measured.length && measured[measuredUpTo]!.date <= day) measuredUpTo++;
    const onDay = { ...plan, stage_entered_on: day < plan.stage_entered_on ? plan.start_date : plan.stage_entered_on };
    const decision = decidePlan(onDay, TIME_ZONE, day, {
      logs: history.slice(first, i + 1),
      measurements: measured.slice(0, measuredUpTo),
      signoffs: [],
    });
    const status = decision.outcome === "hold" ? "info" : "superseded";
    rows.push(
      decisionRow({ clinicId: plan.clinic_id, planId: plan.id, decision, status, createdAt: `${day}T20:00:00.000Z` }),
    );
  }
  return rows;
}
