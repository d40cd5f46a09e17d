import type { DB } from "~/db/client.server.ts";
import { nowIso } from "~/utils/dates.ts";
import { newId } from "~/utils/ids.server.ts";

/** A clinician's sign-off of an item on a plan's stage, dated the day it counts for. */
export async function insertSignoff(
  db: DB,
  signoff: {
    clinicId: string;
    planId: string;
    itemId: string;
    stageId: string;
    signedOn: string;
    clinicianId: string;
    note: string | null;
  },
): Promise<string> {
  const id = newId();
  await db
    .insertInto("signoff")
    .values({
      id,
      clinic_id: signoff.clinicId,
      plan_id: signoff.planId,
      item_id: signoff.itemId,
      stage_id: signoff.stageId,
      signed_on: signoff.signedOn,
      clinician_id: signoff.clinicianId,
      note: signoff.note,
      created_at: nowIso(),
    })
    .execute();
  return id;
}
