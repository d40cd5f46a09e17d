import { Form } from "@remix-run/react";
import { failureFor, useBusy, type PlanActionResult } from "~/components/clinic/plan-forms.tsx";
import { FormError } from "~/components/forms/form-error.tsx";
import { Button } from "~/components/ui/button.tsx";
import { Badge, Card } from "~/components/ui/layout.tsx";
import { formatDate } from "~/utils/dates.ts";
import type { PlanRecord } from "./plan-section.tsx";

type Note = PlanRecord["notes"][number];

const SESSION_WORDS = { done: "session done", partial: "session partly done", none: "no session" } as const;

/** The day the note was written with, in a line: "session done · pain during 3, after 2 · morning 1 · swelling 1+". */
function dayLine(day: Note["day"]): string {
  const pain = [
    day.painDuring !== null ? `during ${day.painDuring}` : null,
    day.painAfter !== null ? `after ${day.painAfter}` : null,
  ].filter(Boolean);
  return [
    SESSION_WORDS[day.sessionDone],
    pain.length ? `pain ${pain.join(", ")}` : null,
    day.morningPain !== null ? `morning pain ${day.morningPain}` : null,
    day.swelling && day.swelling !== "none" ? `swelling ${day.swelling}` : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

/**
 * What the patient wrote to their physio, each note beside its day, unread until a clinician of the clinic marks it
 * read (opening the page does not: a note is read when someone says so, docs/decisions/049-notes-and-flag-reviews.md).
 */
export function NotesSection({
  planId,
  patientName,
  notes,
  result,
}: {
  planId: string;
  patientName: string;
  notes: Note[];
  result?: PlanActionResult;
}) {
  const unread = notes.filter((n) => n.unread);
  const failed = failureFor(result, "mark-notes-read");
  const busy = useBusy("mark-notes-read");
  return (
    <Card title={`Notes from ${patientName}`} id="notes" className={unread.length ? "clinic-notes--unread" : undefined}>
      {notes.length === 0 ? (
        <p className="muted">No notes yet. What the patient writes to you with a log shows here.</p>
      ) : (
        <>
          <ol className="clinic-notes">
            {notes.map((n) => (
              <li key={n.logId} className="clinic-note">
                <div className="clinic-note__head">
                  <strong>{formatDate(n.date)}</strong>{" "}
                  {n.unread ? (
                    <Badge tone="warning">Unread</Badge>
                  ) : (
                    <span className="small muted">
                      Read{n.readBy ? ` by ${n.readBy}` : ""}
                      {n.readAt ? ` on ${formatDate(n.readAt)}` : ""}
                    </span>
                  )}
                  <div className="small muted">{dayLine(n.day)}</div>
                </div>
                <blockquote className="clinic-note__text">{n.note}</blockquote>
              </li>
            ))}
          </ol>
          {unread.length > 0 ? (
            <Form method="post" className="row">
              <input type="hidden" name="intent" value="mark-notes-read" />
              <input type="hidden" name="planId" value={planId} />
              {unread.map((n) => (
                <input key={n.logId} type="hidden" name="logIds" value={n.logId} />
              ))}
              <FormError message={failed?.formError ?? failed?.fieldErrors.logIds} />
              <Button type="submit" variant="secondary" size="small" disabled={busy}>
                {unread.length === 1 ? "Mark the note read" : `Mark ${unread.length} notes read`}
              </Button>
            </Form>
          ) : null}
        </>
      )}
    </Card>
  );
}
