import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportPatientRecord, isExportFormat } from "~/services/record-export.server.ts";
import { requireClinician } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { notFound } from "~/utils/responses.ts";

/** A clinician downloads a patient's record (their own clinic's patients only). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const clinician = await requireClinician(request);
  if (!isExportFormat(params.format)) throw notFound("Unknown export format");
  const response = await exportPatientRecord(getDb(), {
    clinicId: clinician.clinic_id,
    patientId: params.patientId ?? "",
    format: params.format,
    actor: clinician,
  });
  if (!response) throw notFound("Patient not found");
  return response;
}
