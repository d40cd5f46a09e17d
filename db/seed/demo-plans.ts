import type { DB } from "~/db/client.server.ts";

// Plans and several weeks of daily logs for the demo patients. Filled in once the program library lands.
export async function seedDemoPlans(
  _db: DB,
  _ids: { clinicId: string; clinicianId: string; patientId: string; patient2Id: string; timeZone: string; today: Date },
): Promise<void> {}
