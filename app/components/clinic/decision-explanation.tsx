import type { Check, Flag } from "~/engine/index.ts";
import { Badge } from "~/components/ui/layout.tsx";

const COMPARATOR: Record<string, string> = { lt: "<", lte: "≤", gt: ">", gte: "≥", eq: "=" };
const STATUS: Record<Check["status"], { icon: string; label: string; tone: "success" | "danger" | "info" }> = {
  met: { icon: "✓", label: "met", tone: "success" },
  not_met: { icon: "✗", label: "not met", tone: "danger" },
  no_data: { icon: "?", label: "no data", tone: "info" },
};

const REGRESS_STATUS: typeof STATUS = {
  met: { icon: "!", label: "triggered", tone: "danger" },
  not_met: { icon: "✓", label: "not triggered", tone: "success" },
  no_data: { icon: "?", label: "no data", tone: "info" },
};

function formatObserved(value: Check["observed"], unit?: string): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number")
    return `${Number.isInteger(value) ? value : value.toFixed(1)}${unit ? ` ${unit}` : ""}`;
  return value;
}

export function OutcomeBadge({ outcome, status }: { outcome: string; status?: string }) {
  const tone = outcome === "regress" ? "danger" : outcome === "hold" ? "info" : "success";
  const words: Record<string, string> = { advance: "Advance", hold: "Hold", regress: "Regress", complete: "Complete" };
  return (
    <span className="row" style={{ gap: "var(--space-2)" }}>
      <Badge tone={tone}>{words[outcome] ?? outcome}</Badge>
      {status && status !== "info" ? (
        <Badge tone={status === "pending" ? "warning" : undefined}>{STATUS_WORDS[status] ?? status}</Badge>
      ) : null}
    </span>
  );
}

const STATUS_WORDS: Record<string, string> = {
  pending: "awaiting your confirmation",
  applied: "applied",
  overridden: "overridden",
  superseded: "superseded",
  info: "information",
};

export function FlagList({ flags }: { flags: Flag[] }) {
  if (flags.length === 0) return null;
  return (
    <ul className="clinic-flags" aria-label="Flags for the clinician">
      {flags.map((f, i) => (
        <li key={`${f.code}-${i}`} className={`clinic-flag clinic-flag--${f.severity}`}>
          <strong>{f.severity === "high" ? "High" : f.severity === "warning" ? "Warning" : "Note"}:</strong> {f.message}
        </li>
      ))}
    </ul>
  );
}

/** Every check the engine made: what it saw, what it needed, and whether that was met — regress rules first. */
export function CheckTable({ checks, caption, title }: { checks: Check[]; caption?: string; title?: string }) {
  if (checks.length === 0) return <p className="muted small">No checks: this stage has no gates.</p>;
  // `title`: one table of every check (a dose change's rule), under that title.
  const groups: Array<[string, Check[]]> = title
    ? [[title, checks]]
    : [
        ["Regress rules (any met → step back)", checks.filter((c) => c.role === "regress")],
        ["Gates to advance (all must be met)", checks.filter((c) => c.role === "gate")],
      ];
  return (
    <div className="clinic-checks">
      {groups
        .filter(([, list]) => list.length > 0)
        .map(([title, list]) => (
          <table key={title} className="responsive clinic-check-table">
            <caption>
              {caption ? `${caption}: ` : ""}
              {title}
            </caption>
            <thead>
              <tr>
                <th scope="col">Check</th>
                <th scope="col">Observed</th>
                <th scope="col">Threshold</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => {
                // In a regress rule "met" means the rule fires: that is the bad news, so the tones flip.
                const s = c.role === "regress" ? REGRESS_STATUS[c.status] : STATUS[c.status];
                return (
                  <tr key={c.id}>
                    <td>
                      <strong>{c.label}</strong>
                      <div className="small muted">{c.clinicianText}</div>
                      {/* A sign-off's "missing" names the item by its id; its sentence already asks for it. */}
                      {c.missing && c.kind !== "signoff" ? (
                        <div className="small muted">Missing: {c.missing}</div>
                      ) : null}
                      {c.awaitingClinician ? (
                        <div className="small">
                          <Badge tone="warning">needs your sign-off</Badge>
                        </div>
                      ) : null}
                    </td>
                    <td>{formatObserved(c.observed, c.unit)}</td>
                    <td>
                      {c.comparator ? `${COMPARATOR[c.comparator] ?? c.comparator} ` : ""}
                      {formatObserved(c.threshold, c.unit)}
                    </td>
                    <td>
                      <Badge tone={s.tone}>
                        <span aria-hidden="true">{s.icon}</span> {s.label}
                      </Badge>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ))}
    </div>
  );
}
