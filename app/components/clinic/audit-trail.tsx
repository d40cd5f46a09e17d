import { measureName } from "~/engine/measure-names.ts";
import { formatDate } from "~/utils/dates.ts";

// The audit trail in words: "Sam Okafor moved the stage by hand from Isometrics to Isotonics: pain settled". Never an
// event code, a stage or item id, or a raw timestamp; dates read as everywhere else ("5 Dec 2026").

export type AuditRow = {
  id: string;
  action: string;
  at: string;
  actor_name: string | null;
  actor_role: string;
  detail: Record<string, unknown> | null;
};

/** What the trail needs to name things: the plan's stages and sign-off items by id. */
export type AuditNames = { stages: Record<string, string>; signoffItems: Record<string, string> };

type Detail = Record<string, unknown>;

const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
const day = (v: unknown) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v) ? formatDate(v) : null);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const FIELD_WORDS: Record<string, string> = {
  name: "name",
  email: "email",
  timeZone: "time zone",
  condition: "condition",
  involvedSide: "involved side",
  injuryDate: "injury date",
  surgeryDate: "surgery date",
};
const SIDE_WORDS: Record<string, string> = {
  left: "left",
  right: "right",
  both: "both sides",
  none: "not side-specific",
};

function fieldValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "none";
  if (field === "involvedSide") return SIDE_WORDS[String(value)] ?? String(value);
  if (field === "injuryDate" || field === "surgeryDate") return day(value) ?? String(value);
  if (field === "timeZone") return String(value).replace(/_/g, " ");
  return String(value);
}

function measurements(values: unknown): string {
  if (!Array.isArray(values)) return "";
  return (values as Array<{ measure?: string; side?: string | null; value?: number }>)
    .map((v) => `${measureName(String(v.measure ?? ""))}${v.side ? ` (${v.side})` : ""} ${v.value ?? ""}`.trim())
    .join(", ");
}

/** The sentence after the actor's name, from the event and its detail. */
export function describeEvent(action: string, detail: Detail | null, names: AuditNames): string {
  const d = detail ?? {};
  const stage = (v: unknown) => (typeof v === "string" ? (names.stages[v] ?? "a stage no longer in the program") : "");
  const reason = text(d.reason);
  const withReason = (s: string) => (reason ? `${s}: “${reason}”` : s);
  switch (action) {
    case "patient.created":
      return "added the patient";
    case "patient.invite_reissued":
      return "made a new invite link (the previous one stopped working)";
    case "patient.invite_emailed":
      return "emailed the invite";
    case "patient.invite_email_failed":
      return "tried to email the invite, but it could not be sent";
    case "patient.password_set":
      return "set their password and joined";
    case "patient.details_edited": {
      const changes = Array.isArray(d.changes)
        ? (d.changes as Array<{ field: string; from: unknown; to: unknown }>)
        : [];
      const parts = changes.map(
        (c) => `${FIELD_WORDS[c.field] ?? c.field} ${fieldValue(c.field, c.from)} → ${fieldValue(c.field, c.to)}`,
      );
      return parts.length ? `edited the patient's details: ${parts.join("; ")}` : "edited the patient's details";
    }
    case "plan.started": {
      const first = stage(d.startStageId);
      return first ? `started the plan at ${first}` : "started the plan";
    }
    case "plan.paused":
      return "paused the plan";
    case "plan.resumed":
      return "resumed the plan";
    case "plan.discharged":
      return "discharged the patient";
    case "plan.stage_moved":
      return withReason(`moved the stage by hand from ${stage(d.from)} to ${stage(d.to)}`);
    case "plan.program_version_changed":
      return `moved the plan from program version ${String(d.from)} to version ${String(d.to)}`;
    case "decision.confirmed":
      // A hold waits for a clinician only for its dose changes (ADR 056).
      if (d.outcome === "hold") return "confirmed the recommended dose changes";
      return `confirmed the recommendation to ${outcomeWords(d.outcome)}${d.to ? ` (${stage(d.to)})` : ""}`;
    case "decision.overridden":
      return withReason(`overrode the recommendation to ${outcomeWords(d.outcome)}`);
    case "flags.reviewed": {
      const flags = typeof d.flags === "number" && d.flags > 0 ? plural(d.flags, "flag") : null;
      const what = [d.outcome === "regress" ? "the regression" : null, flags].filter(Boolean).join(" and ");
      const note = text(d.note);
      return `reviewed ${what || "the flags"}${note ? `: “${note}”` : ""}`;
    }
    case "notes.read":
      return typeof d.notes === "number"
        ? `read ${plural(d.notes, "note")} from the patient`
        : "read the patient's notes";
    case "measurement.recorded":
      return `recorded ${measurements(d.values) || "a clinic test"}${day(d.measuredOn) ? ` for ${day(d.measuredOn)}` : ""}`;
    case "measurement.self_recorded":
      return `recorded a self-test: ${measurements(d.results)}`;
    case "measurement.questionnaire":
      return `answered ${measureName(String(d.measure ?? "a questionnaire"))}${typeof d.score === "number" ? ` (score ${d.score})` : ""}`;
    case "signoff.recorded": {
      const item = typeof d.itemId === "string" ? (names.signoffItems[d.itemId] ?? "an item") : "an item";
      const note = text(d.note);
      return `signed off “${item}”${day(d.signedOn) ? ` for ${day(d.signedOn)}` : ""}${note ? `: ${note}` : ""}`;
    }
    case "daily_log.recorded":
      return `logged ${day(d.date) ?? "a day"}`;
    case "daily_log.edited":
      return `edited the log of ${day(d.date) ?? "a day"}`;
    case "plan.dose_tailored":
    case "plan.dose_prepared": {
      const changes = Array.isArray(d.changes) ? (d.changes as Array<{ name: string; from: string; to: string }>) : [];
      const what =
        action === "plan.dose_prepared"
          ? `prepared the starting dose of ${stage(d.stageId)}`
          : `changed this patient's dose in ${stage(d.stageId)}`;
      // An exercise added for the patient had no dose before: "added Calf stretch: 3 sets", not "Calf stretch — → 3 sets".
      const list = changes
        .map((c) => (c.from === "—" ? `added ${c.name}: ${c.to}` : `${c.name} ${c.from} → ${c.to}`))
        .join("; ");
      return withReason(list ? `${what} (${list})` : what);
    }
    case "plan.dose_changed": {
      // The engine's dose changes (ADR 056): confirmed by a clinician, or applied automatically.
      const changes = Array.isArray(d.changes) ? (d.changes as Array<{ name: string; from: string; to: string }>) : [];
      const list = changes.map((c) => `${c.name} ${c.from} → ${c.to}`).join("; ");
      const what = d.automatic ? "applied a dose change" : "confirmed a dose change";
      return `${what} in ${stage(d.stageId)}${list ? ` (${list})` : ""}`;
    }
    case "plan.dose_approval_changed":
      return d.to === "automatic"
        ? "set the engine's dose changes to apply automatically"
        : "set the engine's dose changes to wait for a clinician";
    case "decision.dose_changes.proposed": {
      const n = typeof d.changes === "number" ? d.changes : 1;
      return `recommended ${plural(n, "dose change")}${day(d.evaluatedFor) ? ` for ${day(d.evaluatedFor)}` : ""}, awaiting confirmation`;
    }
    case "patient.joined_without_password":
      return "joined without a password (signs in with emailed links)";
    case "patient.signed_in_by_link":
      return "signed in with an emailed link";
    case "patient.sign_in_link_emailed":
      return "emailed a sign-in link to the patient";
    case "patient.sign_in_link_email_failed":
      return "could not email a sign-in link to the patient";
    case "patient.reminders_changed":
      return "changed their reminder settings";
    case "patient.reminders_unsubscribed":
      return "turned reminder emails off from an email's unsubscribe link";
    case "patient.reminder_emailed":
      return `emailed the patient a reminder to log${day(d.localDate) ? ` on ${day(d.localDate)}` : ""}`;
    case "patient.reminder_email_failed":
      return "could not email the patient a reminder to log";
    case "message.sent":
      return "sent a message";
    case "message.notice_emailed":
      return `emailed ${d.to === "patient" ? "the patient" : "the physio"} that a message is waiting`;
    case "message.notice_email_failed":
      return `tried to email ${d.to === "patient" ? "the patient" : "the physio"} about a message, but it could not be sent`;
    case "record.exported":
      return `exported the record${typeof d.format === "string" ? ` as ${d.format.toUpperCase()}` : ""}`;
  }
  const engine = ENGINE_EVENT.exec(action);
  if (engine) {
    const stays = engine[1] === "regress" && d.to === d.from;
    const move = stays
      ? `step back within ${stage(d.to)} (lighter load, same stage)`
      : `${outcomeWords(engine[1])}${d.to && d.to !== d.from ? ` to ${stage(d.to)}` : ""}`;
    const when = day(d.evaluatedFor) ? ` for ${day(d.evaluatedFor)}` : "";
    return engine[2] === "applied" ? `applied: ${move}${when}` : `recommended: ${move}${when}, awaiting confirmation`;
  }
  return "made a change";
}

/** The engine's own events (recorded with whoever's save or click ran it as the actor). */
const ENGINE_EVENT = /^decision\.(\w+)\.(applied|proposed)$/;

/** Who did it, in words: the engine's events name the engine, and whose log or click ran it. */
function actorWords(row: AuditRow): { who: string; after: string } {
  const name = row.actor_name ?? (row.actor_role === "patient" ? "the patient" : null);
  if (row.action === "plan.dose_changed" && row.actor_role === "system") return { who: "The engine", after: "" };
  if (ENGINE_EVENT.test(row.action))
    return {
      who: "The engine",
      after: name ? (row.actor_role === "patient" ? ` (after a log by ${name})` : ` (run by ${name})`) : "",
    };
  return { who: name ?? (row.actor_role === "system" ? "Stagewise" : "Someone"), after: "" };
}

function outcomeWords(outcome: unknown): string {
  switch (outcome) {
    case "advance":
      return "advance";
    case "regress":
      return "step back";
    case "complete":
      return "complete the program";
    case "hold":
      return "hold";
    default:
      return "change the stage";
  }
}

/** "7 Dec 2026, 16:53" (UTC, as the column says). */
function when(at: string): string {
  return `${formatDate(at)}, ${at.slice(11, 16)}`;
}

/** Read-only: the audit trail has no edit or delete anywhere in the app. */
export function AuditTrail({ rows, names }: { rows: AuditRow[]; names: AuditNames }) {
  if (rows.length === 0) return <p className="muted">Nothing recorded yet.</p>;
  return (
    <table className="responsive clinic-audit">
      <caption className="visually-hidden">Audit trail, newest first</caption>
      <thead>
        <tr>
          <th scope="col">When (UTC)</th>
          <th scope="col">What happened</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const { who, after } = actorWords(r);
          return (
            <tr key={r.id}>
              <td className="small">
                <time dateTime={r.at}>{when(r.at)}</time>
              </td>
              <td>
                <strong>{who}</strong> {describeEvent(r.action, r.detail, names)}
                {after}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
