import { describe, expect, it } from "vitest";
import * as clinicExport from "~/routes/clinic.patients.$patientId.export.$format.ts";
import { getDb } from "~/utils/db.server.ts";
import { DEMO_ACCOUNTS, seedDemoIfEmpty } from "../../db/seed/demo.ts";
import { fhirErrors } from "../support/fhir-validator.ts";
import { getRequest, run } from "../support/requests.ts";

// The demo clinic holds weeks of logs as real use stores them (nulls for values not given, notes, named tests), so its
// exports are the widest sample of stored shapes we have.
describe("record export of the demo clinic", () => {
  it("each demo patient's FHIR export is valid R4", async () => {
    const db = getDb();
    expect(await seedDemoIfEmpty(db, new Date("2026-11-21T10:00:00Z"))).toBe(true);
    const physio = await db
      .selectFrom("app_user")
      .select("id")
      .where("email", "=", DEMO_ACCOUNTS.clinician)
      .executeTakeFirstOrThrow();
    const patients = await db
      .selectFrom("app_user")
      .select("id")
      .where("email", "in", [DEMO_ACCOUNTS.patient, DEMO_ACCOUNTS.patient2])
      .execute();
    expect(patients).toHaveLength(2);
    for (const { id } of patients) {
      const path = `/clinic/patients/${id}/export/fhir`;
      const res = await run(clinicExport.loader, await getRequest(path, { userId: physio.id }), {
        patientId: id,
        format: "fhir",
      });
      expect(res.status).toBe(200);
      expect(res.data.entry.length).toBeGreaterThan(50);
      expect(fhirErrors(res.data).slice(0, 3)).toEqual([]);
    }
  });
});
