import { SourceNote } from "~/components/clinic/source-note.tsx";
import type { Citation, Prescription } from "~/engine/index.ts";

function dose(e: Prescription["exercises"][number]): string {
  const range = (a?: number, b?: number) => (a === undefined ? "" : b !== undefined && b !== a ? `${a}–${b}` : `${a}`);
  const parts = [
    e.sets !== undefined
      ? `${range(e.sets, e.setsMax)} × ${range(e.reps, e.repsMax) || "—"}`
      : e.reps !== undefined
        ? `${range(e.reps, e.repsMax)} reps`
        : "",
    e.holdSeconds ? `hold ${e.holdSeconds} s` : "",
    e.load?.text ?? "",
    e.tempo ? `tempo ${e.tempo}` : "",
    e.perDay ? `${e.perDay}×/day` : "",
    e.perWeek ? `${e.perWeek}×/week` : "",
  ];
  return parts.filter(Boolean).join(" · ");
}

/** The side in the words the dose section beside it uses, not the program's keyword. */
const SIDE_WORDS: Record<string, string> = { involved: "painful side", uninvolved: "other side", both: "both sides" };

/**
 * The prescription as the clinician sees it: what the patient reads (names, doses, notes) and, under each part, its
 * clinician-only provenance (`source`: citations, "our reading", the note saying which is which).
 */
export function PrescriptionTable({
  prescription,
  citations,
}: {
  prescription: Prescription;
  citations?: readonly Citation[];
}) {
  const run = prescription.run;
  return (
    <>
      {prescription.exercises.length === 0 ? (
        <p className="muted">No exercises in this stage.</p>
      ) : (
        <table className="responsive">
          <thead>
            <tr>
              <th scope="col">Exercise</th>
              <th scope="col">Dose</th>
              <th scope="col">Side</th>
            </tr>
          </thead>
          <tbody>
            {prescription.exercises.map((e) => (
              <tr key={e.id}>
                <td>
                  {e.name}
                  {e.notes ? <div className="small muted">{e.notes}</div> : null}
                  <SourceNote source={e.source} citations={citations} />
                </td>
                <td>{dose(e) || "—"}</td>
                <td>{SIDE_WORDS[e.side] ?? e.side}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {run ? (
        <div>
          <p className="small">
            Running:{" "}
            {run.blocks
              .map((b) => `${b.repeats} × (${b.walkSeconds ? `walk ${b.walkSeconds} s / ` : ""}run ${b.runSeconds} s)`)
              .join(", ")}
            {run.perWeek ? ` · ${run.perWeek}×/week` : ""}
          </p>
          {run.notes ? <p className="small muted">{run.notes}</p> : null}
          <SourceNote source={run.source} citations={citations} />
        </div>
      ) : null}
      {prescription.frequencyPerWeek ? (
        <p className="small muted">{prescription.frequencyPerWeek} sessions a week expected.</p>
      ) : null}
      {prescription.notes ? <p className="small muted">{prescription.notes}</p> : null}
      <SourceNote source={prescription.source} citations={citations} />
    </>
  );
}
