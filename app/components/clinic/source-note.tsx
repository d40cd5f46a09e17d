import type { Citation, Source } from "~/engine/index.ts";
import { Badge } from "~/components/ui/layout.tsx";

/** "Hickey JT 2020; Askling C 2013": a source's citations by first author and year (the id when unknown). */
function citedAs(source: Source | undefined, citations: readonly Citation[] = []): string {
  return (source?.citationIds ?? [])
    .map((id) => {
      const c = citations.find((x) => x.id === id);
      return c ? `${c.authors.split(",")[0]} ${c.year}` : id;
    })
    .join("; ");
}

/**
 * A prescription's provenance for the clinician: which citations it rests on, whether the numbers are our reading,
 * and the note that says which part is which. Clinician pages only: patients see the plain `notes` (see
 * patientPrescription in patient-today.server.ts).
 */
export function SourceNote({ source, citations }: { source: Source | undefined; citations?: readonly Citation[] }) {
  if (!source) return null;
  const cited = citedAs(source, citations);
  if (!source.note && !source.ours && !cited) return null;
  return (
    <div className="small muted source-note">
      <span className="source-note__label">Source{cited ? ` (${cited})` : ""}:</span>{" "}
      {source.ours ? <Badge>our reading</Badge> : null} {source.note ?? ""}
    </div>
  );
}
