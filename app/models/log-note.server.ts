import type { DB } from "~/db/client.server.ts";
import { nowIso } from "~/utils/dates.ts";

/** Notes the patient wrote to the physio on a plan's logs, newest day first, with who read each and what they read. */
export async function listNotesOfPlan(db: DB, clinicId: string, planId: string, limit: number) {
  return db
    .selectFrom("daily_log")
    .leftJoin("log_note_read", "log_note_read.log_id", "daily_log.id")
    .leftJoin("app_user as reader", "reader.id", "log_note_read.read_by")
    .select([
      "daily_log.id",
      "daily_log.log_date",
      "daily_log.notes",
      "daily_log.session_done",
      "daily_log.morning_pain",
      "daily_log.pain_during",
      "daily_log.pain_after",
      "daily_log.swelling",
      "log_note_read.note as read_note",
      "log_note_read.read_at",
      "reader.name as reader_name",
    ])
    .where("daily_log.clinic_id", "=", clinicId)
    .where("daily_log.plan_id", "=", planId)
    .where("daily_log.notes", "is not", null)
    .orderBy("daily_log.log_date", "desc")
    .limit(limit)
    .execute();
}

/** The plan's logs among `logIds` that carry a note now, with that note (ids of other plans are left out). */
export async function notesOfLogs(db: DB, clinicId: string, planId: string, logIds: string[]) {
  if (logIds.length === 0) return [];
  return db
    .selectFrom("daily_log")
    .select(["id", "notes"])
    .where("clinic_id", "=", clinicId)
    .where("plan_id", "=", planId)
    .where("id", "in", logIds)
    .where("notes", "is not", null)
    .execute();
}

/** Marks notes read as they read now: a later edit of the note by the patient makes it unread again. */
export async function markNoteRead(
  db: DB,
  read: { logId: string; clinicId: string; planId: string; note: string; readBy: string },
): Promise<void> {
  const readAt = nowIso();
  await db
    .insertInto("log_note_read")
    .values({
      log_id: read.logId,
      clinic_id: read.clinicId,
      plan_id: read.planId,
      note: read.note,
      read_by: read.readBy,
      read_at: readAt,
    })
    .onConflict((oc) => oc.column("log_id").doUpdateSet({ note: read.note, read_by: read.readBy, read_at: readAt }))
    .execute();
}
