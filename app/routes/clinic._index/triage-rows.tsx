import type { ReactNode } from "react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { CheckTable, FlagList, OutcomeBadge } from "~/components/clinic/decision-explanation.tsx";
import { Sparkline } from "~/components/charts/index.ts";
import { Button, ButtonLink } from "~/components/ui/button.tsx";
import { Badge } from "~/components/ui/layout.tsx";
import type { TriageRow } from "~/services/triage.server.ts";
import { formatDate } from "~/utils/dates.ts";

// The rows of the triage home: a patient who needs the clinician (reasons, pain trend, the engine's explanation and a
// confirm button), and a compact line for everyone on track.

/** An on-track patient's line: no chart and no explanation, so the page stays light. */
export type OnTrackRow = Pick<
  TriageRow,
  | "patientId"
  | "name"
  | "planStatus"
  | "programName"
  | "stageNumber"
  | "stageCount"
  | "daysInStage"
  | "lastPain"
  | "lastLogDate"
>;

export function MoreRows({
  shown,
  total,
  href,
  showAll,
}: {
  shown: number;
  total: number;
  href: string;
  showAll: boolean;
}) {
  if (showAll || shown >= total) return null;
  return (
    <p className="triage-more">
      Showing {shown} of {total}. <Link to={href}>Show all {total}</Link>
    </p>
  );
}

export function OnTrackItem({ row }: { row: OnTrackRow }) {
  return (
    <li className="list__item">
      <div className="triage-row triage-row--compact">
        <PatientCells row={row} />
        <div className="small">
          <span className="muted">Last log</span>
          <div>{row.lastLogDate ? formatDate(row.lastLogDate) : "none yet"}</div>
        </div>
      </div>
    </li>
  );
}

/** Name (with the reasons, if any), program and stage, last pain: the first three columns of every triage row. */
function PatientCells({ row, children }: { row: OnTrackRow; children?: ReactNode }) {
  return (
    <>
      <div>
        <Link to={`/clinic/patients/${row.patientId}`} className="triage-name">
          <strong>{row.name}</strong>
        </Link>
        {row.planStatus === "paused" ? (
          <>
            {" "}
            <Badge>paused</Badge>
          </>
        ) : null}
        {children}
      </div>
      <div className="small">
        {row.programName}
        <div className="muted">
          Stage {row.stageNumber} of {row.stageCount} · {row.daysInStage} {row.daysInStage === 1 ? "day" : "days"} in
          stage
        </div>
      </div>
      <div className="small">
        <span className="muted">Last pain</span>
        <div>
          <strong>{row.lastPain ?? "—"}</strong>
          {row.lastPain !== null ? "/10" : ""}
        </div>
      </div>
    </>
  );
}

export function TriageItem({ row }: { row: TriageRow }) {
  const navigation = useNavigation();
  const pending = row.decision?.status === "pending" ? row.decision : null;
  const painValues = row.painTrend.filter((v): v is number => v !== null);
  return (
    <li className="list__item">
      <div className="triage-row">
        <PatientCells row={row}>
          {row.reasons.length > 0 ? (
            <div className="triage-reasons">
              {row.reasons.map((r) =>
                r.code === "note" || r.code === "message" ? (
                  <Link
                    key={r.code}
                    to={`/clinic/patients/${row.patientId}${r.code === "note" ? "#notes" : "/messages"}`}
                    className="triage-note-link"
                  >
                    <Badge tone={r.tone}>{r.label}</Badge>
                  </Link>
                ) : (
                  <Badge key={r.code} tone={r.tone}>
                    {r.label}
                  </Badge>
                ),
              )}
            </div>
          ) : null}
        </PatientCells>
        <div>
          <Sparkline
            values={row.painTrend}
            max={10}
            label={
              painValues.length
                ? `Pain during, last 14 days: ${row.painTrend.map((v) => v ?? "none").join(", ")}`
                : "No pain logged in the last 14 days"
            }
          />
        </div>
      </div>
      {row.decision && (pending || row.decision.flags.length > 0) ? (
        <div className="triage-summary">
          {pending ? null : <OutcomeBadge outcome={row.decision.outcome} />} {row.decision.summary}
        </div>
      ) : null}
      {pending && row.doseChanges.length > 0 ? (
        <ul className="triage-dose-changes small" aria-label={`Dose changes awaiting you for ${row.name}`}>
          {row.doseChanges.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {pending ? (
        <details className="triage-details">
          <summary>Why the engine recommends this</summary>
          <FlagList flags={pending.flags} />
          {pending.checks ? <CheckTable checks={pending.checks} /> : null}
          <div className="row" style={{ marginTop: "var(--space-3)" }}>
            <Form method="post">
              <input type="hidden" name="decisionId" value={pending.id} />
              <Button type="submit" size="small" disabled={navigation.state === "submitting"}>
                Confirm{" "}
                {pending.outcome === "complete"
                  ? "completion"
                  : pending.outcome === "hold"
                    ? row.doseChanges.length === 1
                      ? "dose change"
                      : "dose changes"
                    : "advance"}{" "}
                for {row.name}
              </Button>
            </Form>
            <ButtonLink to={`/clinic/patients/${row.patientId}`} variant="secondary" size="small">
              Review or override
            </ButtonLink>
          </div>
        </details>
      ) : row.decision?.flags.length ? (
        <FlagList flags={row.decision.flags} />
      ) : null}
    </li>
  );
}
