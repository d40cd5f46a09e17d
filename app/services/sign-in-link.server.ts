import { SIGN_IN_LINK_VALID_MINUTES } from "~/content/sign-in-link.ts";
import type { DB } from "~/db/client.server.ts";
import { markPatientJoined } from "~/models/patient.server.ts";
import { recordAudit } from "~/models/audit.server.ts";
import { getClinicName } from "~/models/clinic.server.ts";
import { bumpWindowCounter } from "~/models/sign-in-throttle.server.ts";
import {
  consumeSignInLink,
  findSignInLink,
  insertSignInLink,
  pruneSignInLinks,
  revokeOpenSignInLinks,
} from "~/models/sign-in-link.server.ts";
import { getUserForSignIn, normalizeEmail } from "~/models/user.server.ts";
import { sendEmail } from "~/utils/email.server.ts";
import { signInLinkEmail } from "~/utils/email-templates.server.ts";
import { newToken } from "~/utils/ids.server.ts";

/**
 * Passwordless sign-in for patients (docs/decisions/051-sign-in-links.md). A link works once, for `validMinutes`.
 * Asking for one is limited per email address and per client address in fixed windows, counted in the sign-in
 * throttle's table before anything else happens, so a burst cannot mail anyone more than `perEmail` links.
 */
export const SIGN_IN_LINK = {
  validMinutes: SIGN_IN_LINK_VALID_MINUTES,
  perEmail: 3,
  perAddress: 10,
  windowMinutes: 15,
} as const;

export type LinkRequestResult = { ok: true } | { ok: false; retryAfterSeconds: number };

// Links are made and mailed after the answer, so the answer takes the same time whether or not the address is a
// patient's (an SMTP conversation takes seconds). The set lets shutdown and tests wait for mail still on its way.
const pendingDeliveries = new Set<Promise<void>>();

function inBackground(task: Promise<void>): void {
  const tracked: Promise<void> = task
    .catch((error: unknown) => {
      console.error(`sign-in link: not delivered (${error instanceof Error ? error.message : String(error)})`);
    })
    .finally(() => pendingDeliveries.delete(tracked));
  pendingDeliveries.add(tracked);
}

/** Waits until every sign-in link asked for so far has been sent (or has failed). */
export async function settleSignInLinkDeliveries(): Promise<void> {
  while (pendingDeliveries.size) await Promise.all([...pendingDeliveries]);
}

/**
 * Asks for a sign-in link. The answer is the same for every address (a patient's, a clinician's, nobody's); only a
 * patient's address is mailed a link. Clinicians sign in with their password.
 */
export async function requestSignInLink(
  db: DB,
  input: { email: string; clientAddress: string; origin: string },
  now: Date = new Date(),
): Promise<LinkRequestResult> {
  const email = normalizeEmail(input.email);
  const nowIso = now.toISOString();
  const windowStart = new Date(now.getTime() - SIGN_IN_LINK.windowMinutes * 60_000).toISOString();
  const [forEmail, forAddress] = await Promise.all([
    bumpWindowCounter(db, `link-email:${email}`, nowIso, windowStart),
    bumpWindowCounter(db, `link-address:${input.clientAddress}`, nowIso, windowStart),
  ]);
  if (forEmail > SIGN_IN_LINK.perEmail || forAddress > SIGN_IN_LINK.perAddress) {
    return { ok: false, retryAfterSeconds: SIGN_IN_LINK.windowMinutes * 60 };
  }
  const user = await getUserForSignIn(db, email);
  if (user?.role === "patient") {
    const patient = { id: user.id, email: user.email, name: user.name, clinicId: user.clinic_id };
    inBackground(deliverLink(db, patient, input.origin, now));
  }
  return { ok: true };
}

async function deliverLink(
  db: DB,
  patient: { id: string; email: string; name: string; clinicId: string },
  origin: string,
  now: Date,
): Promise<void> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SIGN_IN_LINK.validMinutes * 60_000).toISOString();
  await insertSignInLink(db, { userId: patient.id, token, createdAt: now.toISOString(), expiresAt });
  // Expired links are kept a day, so a late click still hears "expired", then forgotten.
  await pruneSignInLinks(db, new Date(now.getTime() - 24 * 3_600_000).toISOString());
  const clinicName = (await getClinicName(db, patient.clinicId)) ?? "Your clinic";
  const message = signInLinkEmail({
    clinicName,
    patientName: patient.name,
    signInUrl: `${origin}/sign-in/${token}`,
    validMinutes: SIGN_IN_LINK.validMinutes,
  });
  const result = await sendEmail({ to: patient.email, senderName: clinicName, ...message });
  await recordAudit(db, {
    clinicId: patient.clinicId,
    actor: null,
    action: result.ok ? "patient.sign_in_link_emailed" : "patient.sign_in_link_email_failed",
    entityType: "patient",
    entityId: patient.id,
    detail: { delivery: result.delivery },
  });
}

export type SignInLinkState =
  { state: "usable"; name: string } | { state: "used" } | { state: "expired" } | { state: "unknown" };

/** What the link's page should say, without using it (mail scanners open links; only the button signs in). */
export async function inspectSignInLink(db: DB, token: string, now: Date = new Date()): Promise<SignInLinkState> {
  const link = await findSignInLink(db, token);
  if (!link || link.role !== "patient") return { state: "unknown" };
  if (link.used_at) return { state: "used" };
  if (link.expires_at <= now.toISOString()) return { state: "expired" };
  return { state: "usable", name: link.name };
}

export type SignInByLinkResult =
  { ok: true; userId: string } | { ok: false; reason: Exclude<SignInLinkState["state"], "usable"> };

/** Signs in with the link: once. Every other open link of the patient stops working too. */
export async function signInWithLink(db: DB, token: string, now: Date = new Date()): Promise<SignInByLinkResult> {
  const state = await inspectSignInLink(db, token, now);
  if (state.state !== "usable") return { ok: false, reason: state.state };
  return db.transaction().execute(async (trx) => {
    const nowIso = now.toISOString();
    const link = await findSignInLink(trx, token);
    if (!link) return { ok: false as const, reason: "unknown" as const };
    if (!(await consumeSignInLink(trx, link.id, nowIso))) {
      return { ok: false as const, reason: link.expires_at <= nowIso ? ("expired" as const) : ("used" as const) };
    }
    await revokeOpenSignInLinks(trx, link.user_id, nowIso);
    await markPatientJoined(trx, link.user_id, nowIso);
    await recordAudit(trx, {
      clinicId: link.clinic_id,
      actor: { id: link.user_id, role: "patient" },
      action: "patient.signed_in_by_link",
      entityType: "patient",
      entityId: link.user_id,
    });
    return { ok: true as const, userId: link.user_id };
  });
}
