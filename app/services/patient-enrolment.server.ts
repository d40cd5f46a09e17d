import type { DB } from "~/db/client.server.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { insertInvite, revokeOpenInvites } from "~/models/invite.server.ts";
import { insertPatientProfile } from "~/models/patient.server.ts";
import { emailExists, insertUser } from "~/models/user.server.ts";
import type { NewPatient } from "~/schemas/patient.ts";
import { nowIso } from "~/utils/dates.ts";
import { newToken } from "~/utils/ids.server.ts";

const INVITE_DAYS = 7;

type Clinician = { id: string; clinic_id: string; role: "clinician" };

export type CreatePatientResult =
  { ok: true; patientId: string; invitePath: string } | { ok: false; fieldErrors: Record<string, string> };

/**
 * One answer for every email that cannot be used, whichever clinic (if any the clinician can see) holds it: the
 * answer must not tell a clinician anything about another clinic's patients.
 */
export const EMAIL_UNAVAILABLE =
  "This email address cannot be used for a new patient. Check it, or ask for another one.";

/** Creates the patient's account (no password yet) and a one-time invite link, all or nothing. */
export async function createPatientWithInvite(
  db: DB,
  clinician: Clinician,
  input: NewPatient,
): Promise<CreatePatientResult> {
  if (await emailExists(db, input.email)) {
    return { ok: false, fieldErrors: { email: EMAIL_UNAVAILABLE } };
  }
  return db.transaction().execute(async (trx) => {
    const createdAt = nowIso();
    const patientId = await insertUser(trx, {
      clinicId: clinician.clinic_id,
      role: "patient",
      email: input.email,
      name: input.name,
      timeZone: input.timeZone,
      passwordHash: null,
    });
    await insertPatientProfile(trx, {
      userId: patientId,
      clinicId: clinician.clinic_id,
      clinicianId: clinician.id,
      condition: input.condition,
      involvedSide: input.involvedSide,
      injuryDate: input.injuryDate ?? null,
      surgeryDate: input.surgeryDate ?? null,
      createdAt,
    });
    const token = await issueInvite(trx, patientId, clinician.id, createdAt);
    await recordAudit(trx, {
      clinicId: clinician.clinic_id,
      actor: clinician,
      action: "patient.created",
      entityType: "patient",
      entityId: patientId,
      detail: { condition: input.condition, involvedSide: input.involvedSide },
    });
    return { ok: true as const, patientId, invitePath: `/invite/${token}` };
  });
}

/** A fresh one-time link (the previous unused one stops working). */
export async function reissueInvite(db: DB, clinician: Clinician, patientId: string): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    await revokeOpenInvites(trx, patientId, now);
    const token = await issueInvite(trx, patientId, clinician.id, now);
    await recordAudit(trx, {
      clinicId: clinician.clinic_id,
      actor: clinician,
      action: "patient.invite_reissued",
      entityType: "patient",
      entityId: patientId,
    });
    return `/invite/${token}`;
  });
}

async function issueInvite(db: DB, userId: string, createdBy: string, createdAt: string): Promise<string> {
  const token = newToken();
  const expiresAt = new Date(Date.parse(createdAt) + INVITE_DAYS * 24 * 60 * 60 * 1000).toISOString();
  await insertInvite(db, { userId, token, createdBy, createdAt, expiresAt });
  return token;
}
