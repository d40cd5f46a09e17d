import type { DB } from "~/db/client.server.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { markNoteRead, notesOfLogs } from "~/models/log-note.server.ts";
import type { MarkNotesRead } from "~/schemas/patient-notes-flags.ts";

type Clinician = { id: string; clinic_id: string; role: "clinician" };

/**
 * Marks the patient's notes read (the plan is already checked to be theirs): each as it reads now, so an edit by the
 * patient afterwards shows as unread again. Logs of other plans, or without a note, are left alone. Returns how many.
 */
export async function markNotesRead(db: DB, clinician: Clinician, input: MarkNotesRead): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const logs = await notesOfLogs(trx, clinician.clinic_id, input.planId, input.logIds);
    for (const log of logs)
      await markNoteRead(trx, {
        logId: log.id,
        clinicId: clinician.clinic_id,
        planId: input.planId,
        note: log.notes!,
        readBy: clinician.id,
      });
    if (logs.length > 0)
      await recordAudit(trx, {
        clinicId: clinician.clinic_id,
        actor: clinician,
        action: "notes.read",
        entityType: "plan",
        entityId: input.planId,
        planId: input.planId,
        detail: { notes: logs.length },
      });
    return logs.length;
  });
}
