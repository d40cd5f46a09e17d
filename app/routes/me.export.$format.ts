import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportPatientRecord, isExportFormat } from "~/services/record-export.server.ts";
import { requirePatient } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { notFound } from "~/utils/responses.ts";

/** /me/export/csv and /me/export/fhir: a patient downloads their own record. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const patient = await requirePatient(request);
  if (!isExportFormat(params.format)) throw notFound("Unknown export format");
  const response = await exportPatientRecord(getDb(), {
    clinicId: patient.clinic_id,
    patientId: patient.id,
    format: params.format,
    actor: patient,
  });
  if (!response) throw notFound("Record not found");
  return response;
}
