import type { DB } from "~/db/client.server.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { findOpenInviteOfUser, findUsableInvite, markInviteUsed } from "~/models/invite.server.ts";
import { markPatientJoined } from "~/models/patient.server.ts";
import { deleteSessionsOfUser } from "~/models/session.server.ts";
import { setPassword } from "~/models/user.server.ts";
import { nowIso } from "~/utils/dates.ts";
import { inviteTokenFor } from "~/utils/invite-token.server.ts";
import { hashPassword } from "~/utils/password.server.ts";

export async function getInvite(db: DB, token: string) {
  return findUsableInvite(db, token, nowIso());
}

/** Sets the patient's password from a one-time link. Returns the user id, or null if the link is no longer valid. */
export async function acceptInvite(db: DB, token: string, password: string): Promise<string | null> {
  // A made-up or used link costs no hashing (the transaction below checks again).
  if (!(await findUsableInvite(db, token, nowIso()))) return null;
  const passwordHash = await hashPassword(password); // slow on purpose: do it before taking the write lock
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const invite = await findUsableInvite(trx, token, now);
    if (!invite || !(await markInviteUsed(trx, invite.id, now))) return null;
    await setPassword(trx, invite.user_id, passwordHash);
    await markPatientJoined(trx, invite.user_id, now);
    await deleteSessionsOfUser(trx, invite.user_id);
    await recordAudit(trx, {
      clinicId: invite.clinic_id,
      actor: { id: invite.user_id, role: "patient" },
      action: "patient.password_set",
      entityType: "patient",
      entityId: invite.user_id,
    });
    return invite.user_id;
  });
}

/**
 * Joins from the invite without choosing a password: the link proves the patient reads this mailbox, as a sign-in
 * link does, and later sign-ins use emailed links (docs/decisions/051-sign-in-links.md). Returns the user id, or null
 * if the link is no longer valid.
 */
export async function joinWithoutPassword(db: DB, token: string): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const invite = await findUsableInvite(trx, token, now);
    if (!invite || !(await markInviteUsed(trx, invite.id, now))) return null;
    await markPatientJoined(trx, invite.user_id, now);
    await recordAudit(trx, {
      clinicId: invite.clinic_id,
      actor: { id: invite.user_id, role: "patient" },
      action: "patient.joined_without_password",
      entityType: "patient",
      entityId: invite.user_id,
    });
    return invite.user_id;
  });
}

/**
 * The patient's current invite link, to copy again from their page until it is used, replaced or expired. Null when
 * there is none, or when it cannot be made again (a link from before links were derived, or after the server's
 * secret changed): then "Resend invite" makes a new one.
 */
export async function currentInviteLink(db: DB, patientId: string, origin: string) {
  const now = nowIso();
  const open = await findOpenInviteOfUser(db, patientId, now);
  if (!open) return null;
  const token = inviteTokenFor(open.id);
  const usable = await findUsableInvite(db, token, now);
  if (usable?.id !== open.id) return null;
  return { url: `${origin}/invite/${token}`, expiresAt: open.expires_at };
}
