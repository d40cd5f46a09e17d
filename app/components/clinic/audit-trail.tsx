const ACTION_WORDS: Record<string, string> = {
  "patient.created": "Added the patient",
  "patient.invite_reissued": "Made a new invite link",
  "patient.invite_emailed": "Emailed the invite",
  "patient.invite_email_failed": "Invite email could not be sent",
  "patient.password_set": "Patient set their password",
  "plan.started": "Started the plan",
  "plan.paused": "Paused the plan",
  "plan.resumed": "Resumed the plan",
  "plan.discharged": "Discharged the patient",
  "plan.stage_moved": "Moved the stage by hand",
  "plan.program_version_changed": "Moved the plan to a new program version",
  "decision.confirmed": "Confirmed a recommendation",
  "decision.overridden": "Overrode a recommendation",
  "measurement.recorded": "Recorded a clinic measurement",
  "signoff.recorded": "Signed off an item",
  "plan.dose_tailored": "Changed this patient's dose",
  "plan.dose_prepared": "Prepared the dose of a coming stage",
};

function describe(action: string): string {
  const known = ACTION_WORDS[action];
  if (known) return known;
  const m = /^decision\.(\w+)\.(applied|proposed)$/.exec(action);
  if (m) return m[2] === "applied" ? `Engine ${m[1]} applied` : `Engine proposed: ${m[1]}`;
  return action;
}

function detailText(detail: Record<string, unknown> | null): string {
  if (!detail) return "";
  const parts: string[] = [];
  for (const key of ["reason", "from", "to", "itemId", "note", "evaluatedFor"]) {
    const v = detail[key];
    if (v !== undefined && v !== null && v !== "")
      parts.push(`${key === "itemId" ? "item" : key === "evaluatedFor" ? "for" : key}: ${String(v)}`);
  }
  if (Array.isArray(detail.values)) {
    parts.push(
      (detail.values as Array<{ measure: string; side: string | null; value: number }>)
        .map((v) => `${v.measure}${v.side ? ` ${v.side}` : ""} ${v.value}`)
        .join(", "),
    );
  }
  return parts.join(" · ");
}

/** A personal dose's changes, one line each: "name: from → to" (app/services/personal-dose.server.ts). */
function DoseChanges({ detail }: { detail: Record<string, unknown> | null }) {
  if (!detail || !Array.isArray(detail.changes) || detail.changes.length === 0) return null;
  const changes = detail.changes as Array<{ exerciseId: string; name: string; from: string; to: string }>;
  return (
    <ul className="small muted clinic-compact-list">
      {changes.map((c) => (
        <li key={c.exerciseId}>
          {c.name}: {c.from} → {c.to}
        </li>
      ))}
    </ul>
  );
}

export type AuditRow = {
  id: string;
  action: string;
  at: string;
  actor_name: string | null;
  actor_role: string;
  detail: Record<string, unknown> | null;
};

/** Read-only: the audit trail has no edit or delete anywhere in the app. */
export function AuditTrail({ rows }: { rows: AuditRow[] }) {
  if (rows.length === 0) return <p className="muted">Nothing recorded yet.</p>;
  return (
    <table className="responsive clinic-audit">
      <caption className="visually-hidden">Audit trail, newest first</caption>
      <thead>
        <tr>
          <th scope="col">When (UTC)</th>
          <th scope="col">Who</th>
          <th scope="col">What</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td className="small">
              <time dateTime={r.at}>{r.at.slice(0, 16).replace("T", " ")}</time>
            </td>
            <td className="small">{r.actor_name ?? (r.actor_role === "system" ? "Stagewise engine" : r.actor_role)}</td>
            <td>
              {describe(r.action)}
              {detailText(r.detail) ? <div className="small muted">{detailText(r.detail)}</div> : null}
              <DoseChanges detail={r.detail} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
