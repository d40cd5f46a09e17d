/** The patient page's parts, in page order: plain anchors, so it works without JavaScript and stays at the top. */
const SECTIONS = [
  { id: "summary", label: "Summary" },
  { id: "recommendation", label: "Recommendation" },
  { id: "notes", label: "Notes" },
  { id: "dose", label: "Dose" },
  { id: "charts", label: "Charts" },
  { id: "tests", label: "Tests and sign-offs" },
  { id: "decisions", label: "Decisions" },
  { id: "audit-trail", label: "Audit trail" },
] as const;

/** Sections the page shows only sometimes: the dose and the test forms need a live plan. */
type Optional = "dose" | "tests";

/** "On this page": a row of links to the page's sections; Notes shows how many are unread. */
export function SectionNav({ unreadNotes, shown }: { unreadNotes: number; shown: Record<Optional, boolean> }) {
  return (
    <nav className="clinic-section-nav" aria-label="On this page">
      <ul>
        {SECTIONS.filter((s) => !(s.id === "dose" || s.id === "tests") || shown[s.id]).map((s) => (
          <li key={s.id}>
            <a href={`#${s.id}`}>
              {s.label}
              {s.id === "notes" && unreadNotes > 0 ? ` (${unreadNotes} unread)` : ""}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
