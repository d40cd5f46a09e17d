import type { DB } from "~/db/client.server.ts";

/** The clinic's display name (emails are sent as "<clinic> via Stagewise"). */
export async function getClinicName(db: DB, clinicId: string): Promise<string | null> {
  const row = await db.selectFrom("clinic").select("name").where("id", "=", clinicId).executeTakeFirst();
  return row?.name ?? null;
}
