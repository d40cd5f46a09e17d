import type { DB } from "~/db/client.server.ts";
import { listLogsForPlan } from "~/models/daily-log.server.ts";
import { EDIT_WINDOW_DAYS } from "~/schemas/daily-log.ts";
import { isEditableDay, loadPatientPlan, type PatientUser } from "~/services/patient-plan.server.ts";

/** Past logs, newest first, each saying whether it can still be changed. */
export async function historyView(db: DB, patient: PatientUser) {
  const current = await loadPatientPlan(db, patient);
  if (!current) return null;
  const { plan, today } = current;
  const logs = await listLogsForPlan(db, plan.id, { limit: 120 });
  const todayLogged = logs.some((l) => l.log_date === today);
  return {
    today,
    editWindowDays: EDIT_WINDOW_DAYS,
    todayLogged,
    logs: logs.map((l) => ({
      date: l.log_date,
      sessionDone: l.session_done,
      morningPain: l.morning_pain,
      painDuring: l.pain_during,
      painAfter: l.pain_after,
      sessionRpe: l.session_rpe,
      sessionMinutes: l.session_minutes,
      runningMinutes: l.running_minutes,
      notes: l.notes,
      editCount: l.edit_count,
      editable: isEditableDay(l.log_date, today, plan.start_date),
    })),
  };
}
