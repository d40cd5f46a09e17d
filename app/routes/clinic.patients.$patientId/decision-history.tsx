import { Link, useSearchParams } from "@remix-run/react";
import { CheckTable, FlagList, OutcomeBadge } from "~/components/clinic/decision-explanation.tsx";
import { DoseChangeList } from "~/components/clinic/dose-changes.tsx";
import { Card } from "~/components/ui/layout.tsx";
import { formatDate } from "~/utils/dates.ts";
import type { PlanRecord } from "./plan-section.tsx";

type Decisions = PlanRecord["decisions"];

/** Advances and regressions first; the daily holds folded away unless the address asks for one of them. */
export function DecisionHistory({ decisions, patientId }: { decisions: Decisions; patientId: string }) {
  const shownDecisionId = useSearchParams()[0].get("decision");
  return (
    <Card title="Decision history">
      {decisions.length === 0 ? (
        <p className="muted">No decisions yet.</p>
      ) : (
        <>
          <DecisionList decisions={decisions.filter((d) => d.outcome !== "hold")} patientId={patientId} />
          {decisions.some((d) => d.outcome === "hold") ? (
            <details
              className="clinic-holds"
              open={decisions.some((d) => d.outcome === "hold" && d.id === shownDecisionId) || undefined}
            >
              <summary>Daily evaluations that held ({decisions.filter((d) => d.outcome === "hold").length})</summary>
              <DecisionList decisions={decisions.filter((d) => d.outcome === "hold")} patientId={patientId} />
            </details>
          ) : null}
        </>
      )}
    </Card>
  );
}

function DecisionList({ decisions, patientId }: { decisions: Decisions; patientId: string }) {
  const shownDecisionId = useSearchParams()[0].get("decision");
  if (decisions.length === 0) return <p className="muted small">No advances or regressions yet.</p>;
  return (
    <ol className="clinic-history">
      {decisions.map((d) => (
        <li key={d.id} id={`decision-${d.id}`}>
          <details open={d.id === shownDecisionId || undefined}>
            <summary>
              <span className="clinic-history__date">{formatDate(d.evaluatedFor)}</span>{" "}
              <OutcomeBadge outcome={d.outcome} status={d.status} />{" "}
              <span className="small muted">
                {d.fromStage}
                {d.toStage !== d.fromStage ? ` → ${d.toStage}` : ""}
              </span>
            </summary>
            <p>{d.clinicianSummary}</p>
            {d.reviewedBy ? (
              <p className="small">
                {d.status === "overridden" ? "Overridden" : "Confirmed"} by {d.reviewedBy}
                {d.reviewedAt ? ` on ${formatDate(d.reviewedAt)}` : ""}
                {d.reviewReason ? ` — “${d.reviewReason}”` : ""}
              </p>
            ) : null}
            <FlagList flags={d.flags} />
            <DoseChangeList changes={d.doseChanges} status={d.status} />
            {d.checks ? (
              <CheckTable checks={d.checks} />
            ) : (
              <p className="small">
                <Link to={`/clinic/patients/${patientId}?decision=${d.id}#decision-${d.id}`} preventScrollReset>
                  Show every check for {formatDate(d.evaluatedFor)}
                </Link>
              </p>
            )}
            <p className="small muted">
              Engine {d.engineVersion} · program version {d.programVersion}
            </p>
          </details>
        </li>
      ))}
    </ol>
  );
}
