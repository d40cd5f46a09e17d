import { Link } from "@remix-run/react";

export type ChecklistEntry = {
  id: string;
  status: "met" | "not_met" | "no_data";
  text: string;
  detail: string | null;
  waitingForPhysio: boolean;
  action: { to: string; label: string } | null;
};

const ICON = { met: "✓", not_met: "✗", no_data: "?" } as const;
const STATUS_WORDS = { met: "Done", not_met: "Not yet", no_data: "Not enough recorded yet" } as const;

/** The next gate as a checklist: what is met, what is missing, and what the patient can do about it. */
export function GateChecklist({ items }: { items: ChecklistEntry[] }) {
  return (
    <ul className="checklist">
      {items.map((item) => (
        <li key={item.id} className="checklist__item">
          <span className={`check-icon check-icon--${item.status}`} aria-hidden="true">
            {item.waitingForPhysio ? "…" : ICON[item.status]}
          </span>
          <span>
            <span className="visually-hidden">
              {item.waitingForPhysio ? "Waiting for your physio" : STATUS_WORDS[item.status]}:{" "}
            </span>
            {item.text}
            {item.detail ? <span className="checklist__detail">{item.detail}</span> : null}
            {item.action ? (
              <span className="checklist__detail">
                <Link to={item.action.to}>{item.action.label}</Link>
              </span>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}
