import { validate as isUuid, v5 as uuidV5 } from "uuid";

// A FHIR Bundle entry's fullUrl is `urn:uuid:` + a UUID. Our rows have UUIDs (seeded rows may not); facts that are
// columns of a row (the day's pain on waking) have none. Name-based UUIDs (v5) give them one that is the same in every
// export of the same record, so two exports can be compared.
const STAGEWISE_EXPORT_NAMESPACE = "6f1c2a4e-9b0d-5c3e-8f7a-2d4b6e8a0c1f";

/** The UUID of a row id, or of a name such as `<planId>/2026-12-01/pain-on-waking`. */
export function fhirUuid(idOrName: string): string {
  return isUuid(idOrName) ? idOrName.toLowerCase() : uuidV5(idOrName, STAGEWISE_EXPORT_NAMESPACE);
}

export const urnOf = (idOrName: string) => `urn:uuid:${fhirUuid(idOrName)}`;
