import type { Check } from "~/engine/index.ts";
import { Badge } from "~/components/ui/layout.tsx";
import { CheckTable } from "./decision-explanation.tsx";

/** A dose change as the page gets it (ADR 056): its line in words and the checks of the rule that made it. */
export type DoseChangeItem = {
  key: string;
  line: string;
  direction: "increase" | "decrease";
  capped: boolean;
  checks: Check[];
};

/** Each dose change of a decision, with the rule's checks folded under it. */
export function DoseChangeList({ changes, status }: { changes: DoseChangeItem[]; status?: string }) {
  if (changes.length === 0) return null;
  const heading =
    status === "pending"
      ? "Dose changes awaiting your confirmation"
      : status === "applied"
        ? "Dose changes applied"
        : status === "overridden"
          ? "Dose changes rejected"
          : "Dose changes";
  return (
    <section className="clinic-dose-changes" aria-label={heading}>
      <h3 className="small">{heading}</h3>
      <ul className="clinic-compact-list">
        {changes.map((c) => (
          <li key={c.key}>
            <Badge tone={c.direction === "increase" ? "success" : "warning"}>
              {c.direction === "increase" ? "increase" : "decrease"}
            </Badge>{" "}
            {c.line}
            {c.capped ? <span className="small muted"> (at the rule's cap)</span> : null}
            {c.checks.length > 0 ? (
              <details>
                <summary className="small">Checks for this change ({c.checks.length})</summary>
                <CheckTable checks={c.checks} title="The rule's checks (all met → the change)" />
              </details>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
