import type { DB } from "~/db/client.server.ts";
import { nowIso } from "~/utils/dates.ts";
import { newId } from "~/utils/ids.server.ts";

export type AuditInput = {
  clinicId: string;
  actor: { id: string; role: string } | null;
  action: string;
  entityType: string;
  entityId: string;
  planId?: string | null;
  detail?: unknown;
};

/** Append-only: there is deliberately no update or delete for audit events anywhere in the app. */
export async function recordAudit(db: DB, event: AuditInput): Promise<void> {
  await auditQuery(db, event).execute();
}

/** recordAudit's statement, not yet run: for a write batch (ADR 047). */
export function auditQuery(db: DB, event: AuditInput) {
  return db.insertInto("audit_event").values({
    id: newId(),
    clinic_id: event.clinicId,
    actor_id: event.actor?.id ?? null,
    actor_role: event.actor?.role ?? "system",
    action: event.action,
    entity_type: event.entityType,
    entity_id: event.entityId,
    plan_id: event.planId ?? null,
    detail: event.detail === undefined ? null : JSON.stringify(event.detail),
    at: nowIso(),
  });
}
