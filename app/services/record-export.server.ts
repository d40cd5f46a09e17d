import type { DB } from "~/db/client.server.ts";
import { recordToCsv } from "~/export/csv.ts";
import { recordToFhirBundle } from "~/export/fhir.ts";
import type { LoggedExercise, PatientRecord } from "~/export/record.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { getPatientInClinic } from "~/models/patient.server.ts";
import { addedExerciseNamesOfPlans } from "~/models/personal-dose.server.ts";
import { nowIso } from "~/utils/dates.ts";
import { listMessagesOfPlan } from "~/models/message.server.ts";
import { doseHistoryOfPlans } from "./dose-history.server.ts";
import { programOfPlan } from "./evaluation.server.ts";

const EXPORT_FORMATS = ["csv", "fhir"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The whole record of one patient of this clinic, or null (callers answer 404). */
async function loadPatientRecord(db: DB, clinicId: string, patientId: string): Promise<PatientRecord | null> {
  const patient = await getPatientInClinic(db, clinicId, patientId);
  if (!patient) return null;
  const [clinician, plans, logs, measurements, decisions] = await Promise.all([
    db
      .selectFrom("app_user")
      .select(["id", "name"])
      .where("id", "=", patient.clinician_id)
      .where("clinic_id", "=", clinicId)
      .executeTakeFirst(),
    db
      .selectFrom("plan")
      .selectAll()
      .where("patient_id", "=", patientId)
      .where("clinic_id", "=", clinicId)
      .orderBy("created_at")
      .execute(),
    db
      .selectFrom("daily_log")
      .selectAll()
      .where("patient_id", "=", patientId)
      .where("clinic_id", "=", clinicId)
      .orderBy("log_date")
      .execute(),
    db
      .selectFrom("measurement")
      .selectAll()
      .where("patient_id", "=", patientId)
      .where("clinic_id", "=", clinicId)
      .orderBy("measured_on")
      .execute(),
    db
      .selectFrom("decision")
      .innerJoin("plan", "plan.id", "decision.plan_id")
      .selectAll("decision")
      .where("plan.patient_id", "=", patientId)
      .where("decision.clinic_id", "=", clinicId)
      .where("decision.status", "!=", "superseded")
      .orderBy("decision.created_at")
      .execute(),
  ]);
  const [ownExercises, doseHistory, threads] = await Promise.all([
    addedExerciseNamesOfPlans(
      db,
      plans.map((p) => p.id),
    ),
    doseHistoryOfPlans(db, clinicId, plans, patient.time_zone),
    Promise.all(plans.map((p) => listMessagesOfPlan(db, clinicId, p.id).then((m) => ({ planId: p.id, m })))),
  ]);
  return {
    exportedAt: nowIso(),
    patient: {
      id: patient.id,
      name: patient.name,
      email: patient.email,
      timeZone: patient.time_zone,
      condition: patient.condition,
      involvedSide: patient.involved_side,
      injuryDate: patient.injury_date,
      surgeryDate: patient.surgery_date,
    },
    clinician: clinician ?? null,
    plans: plans.map((p) => ({
      id: p.id,
      status: p.status,
      startDate: p.start_date,
      currentStageId: p.current_stage_id,
      goalText: p.goal_text,
      goalTargetDate: p.goal_target_date,
      program: programOfPlan(p),
      ownExercises: ownExercises.get(p.id) ?? {},
    })),
    logs: logs.map((l) => ({
      planId: l.plan_id,
      date: l.log_date,
      morningPain: l.morning_pain,
      morningStiffness: l.morning_stiffness,
      sessionDone: l.session_done,
      painDuring: l.pain_during,
      painAfter: l.pain_after,
      painAtRest: l.pain_at_rest,
      sessionMinutes: l.session_minutes,
      sessionRpe: l.session_rpe,
      runningMinutes: l.running_minutes,
      swelling: l.swelling,
      soreness: l.soreness,
      exercises: parseJson<LoggedExercise[]>(l.exercises, []),
      otherActivities: parseJson<PatientRecord["logs"][number]["otherActivities"]>(l.other_activities, []),
      testPain: parseJson<Record<string, number>>(l.test_pain, {}),
      notes: l.notes,
    })),
    measurements: measurements.map((m) => ({
      id: m.id,
      planId: m.plan_id,
      date: m.measured_on,
      measure: m.measure,
      side: m.side,
      value: m.value,
      answers: m.answers ? JSON.parse(m.answers) : null,
    })),
    decisions: decisions.map((d) => ({
      id: d.id,
      planId: d.plan_id,
      evaluatedFor: d.evaluated_for,
      outcome: d.outcome,
      fromStageId: d.from_stage_id,
      toStageId: d.to_stage_id,
      status: d.status,
      engineVersion: d.engine_version,
      programVersion: d.program_version,
      clinicianSummary: d.clinician_summary,
      createdAt: d.created_at,
      reviewedAt: d.reviewed_at,
      reviewedBy: d.reviewed_by,
      reviewReason: d.review_reason,
    })),
    doseHistory,
    messages: threads
      .flatMap(({ planId, m }) =>
        m.map((message) => ({
          id: message.id,
          planId,
          sentAt: message.created_at,
          readAt: message.read_at,
          authorId: message.author_id,
          authorRole: message.author_role,
          authorName: message.author_name,
          body: message.body,
        })),
      )
      .sort((a, b) => a.sentAt.localeCompare(b.sentAt)),
  };
}

/** A JSON column as written by the daily-log service, or `fallback` when empty. */
function parseJson<T>(text: string | null, fallback: T): T {
  return text ? (JSON.parse(text) as T) : fallback;
}

/** A download of the record in the asked format, audited; null when the patient isn't in this clinic. */
export async function exportPatientRecord(
  db: DB,
  args: { clinicId: string; patientId: string; format: ExportFormat; actor: { id: string; role: string } },
): Promise<Response | null> {
  const record = await loadPatientRecord(db, args.clinicId, args.patientId);
  if (!record) return null;
  await recordAudit(db, {
    clinicId: args.clinicId,
    actor: args.actor,
    action: "record.exported",
    entityType: "patient",
    entityId: args.patientId,
    detail: { format: args.format },
  });
  const stem = `stagewise-${record.patient.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${record.exportedAt.slice(0, 10)}`;
  const headers = { "Cache-Control": "no-store" };
  if (args.format === "csv") {
    return new Response(recordToCsv(record), {
      headers: {
        ...headers,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${stem}.csv"`,
      },
    });
  }
  const bundle = recordToFhirBundle(record, `stagewise-engine-${args.clinicId}`);
  return new Response(JSON.stringify(bundle, null, 2), {
    headers: {
      ...headers,
      "Content-Type": "application/fhir+json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${stem}.fhir.json"`,
    },
  });
}

export function isExportFormat(value: string | undefined): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value ?? "");
}
