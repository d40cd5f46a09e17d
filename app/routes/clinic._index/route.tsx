import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { ButtonLink } from "~/components/ui/button.tsx";
import { EmptyState, Notice, Page, PageHeader } from "~/components/ui/layout.tsx";
import { ConfirmDecisionSchema } from "~/schemas/plan-actions.ts";
import { confirmDecision } from "~/services/decision-review.server.ts";
import { loadTriage, type TriageRow } from "~/services/triage.server.ts";
import { requireClinician } from "~/utils/auth.server.ts";
import { getDb } from "~/utils/db.server.ts";
import { parseForm, readForm } from "~/utils/forms.ts";
import { notFound } from "~/utils/responses.ts";
import { MoreRows, OnTrackItem, TriageItem, type OnTrackRow } from "./triage-rows.tsx";

// The clinician's home, /clinic: their patients ranked for attention (triage.server.ts), the rows in triage-rows.tsx.

export const meta: MetaFunction = () => [{ title: "Triage · Stagewise" }];

/** Rows per list before "Show all": the top of the ranking is what a physio acts on, and the page stays light. */
export const TRIAGE_ROWS_SHOWN = 20;

/** What a count tile narrows the page to (`?list=`): plain links, so they work without JavaScript. */
const LISTS = ["needs", "awaiting", "notes", "on-track"] as const;
export type TriageList = (typeof LISTS)[number];
const isList = (v: string | null): v is TriageList => LISTS.some((l) => l === v);

/** Which rows of "needs your attention" a tile keeps. */
const KEEPS: Record<TriageList, (row: TriageRow) => boolean> = {
  needs: () => true,
  awaiting: (row) => row.reasons.some((r) => r.code === "pending_advance"),
  notes: (row) => row.unreadNotes > 0,
  "on-track": () => false,
};

export async function loader({ request }: LoaderFunctionArgs) {
  const clinician = await requireClinician(request);
  const params = new URL(request.url).searchParams;
  const scope: "mine" | "clinic" = params.get("scope") === "clinic" ? "clinic" : "mine";
  const showAll = params.get("show") === "all";
  const listParam = params.get("list");
  const list = isList(listParam) ? listParam : null;
  const triage = await loadTriage(
    getDb(),
    clinician.clinic_id,
    clinician.time_zone,
    scope === "mine" ? { clinicianId: clinician.id } : {},
  );
  const shown = showAll ? Infinity : TRIAGE_ROWS_SHOWN;
  const needsAttention = list ? triage.needsAttention.filter(KEEPS[list]) : triage.needsAttention;
  const everyoneElse = list && list !== "on-track" ? [] : triage.everyoneElse;
  return {
    clinicianName: clinician.name,
    scope,
    showAll,
    list,
    needsAttention: needsAttention.slice(0, shown),
    needsAttentionShownTotal: needsAttention.length,
    // The tiles always count the whole caseload, whichever list is chosen.
    needsAttentionTotal: triage.needsAttention.length,
    awaitingConfirmation: triage.needsAttention.filter(KEEPS.awaiting).length,
    leftANote: triage.needsAttention.filter(KEEPS.notes).length,
    // Patients on track need no decision: a compact line each, without the chart or the engine's explanation.
    everyoneElse: everyoneElse.slice(0, shown).map(onTrackLine),
    everyoneElseShownTotal: everyoneElse.length,
    everyoneElseTotal: triage.everyoneElse.length,
    withoutPlan: triage.withoutPlan,
    invited: triage.invited,
  };
}

function onTrackLine(row: TriageRow): OnTrackRow {
  const { patientId, name, planStatus, programName, stageNumber, stageCount, daysInStage, lastPain, lastLogDate } = row;
  return { patientId, name, planStatus, programName, stageNumber, stageCount, daysInStage, lastPain, lastLogDate };
}

/** Confirming straight from the triage list (overriding needs a reason, so it lives on the patient page). */
export async function action({ request }: ActionFunctionArgs) {
  const clinician = await requireClinician(request);
  const parsed = parseForm(ConfirmDecisionSchema, await readForm(request));
  if (!parsed.ok) return data({ ok: false as const, message: "Choose a recommendation to confirm." }, { status: 400 });
  const result = await confirmDecision(getDb(), clinician, parsed.data.decisionId);
  if (!result.ok) {
    if (result.status === 404) throw notFound(result.message);
    return data({ ok: false as const, message: result.message }, { status: result.status });
  }
  return { ok: true as const, message: `Confirmed for ${result.patientName ?? "the patient"}.` };
}

export default function TriageHome() {
  const {
    clinicianName,
    scope,
    showAll,
    list,
    needsAttention,
    needsAttentionShownTotal,
    needsAttentionTotal,
    awaitingConfirmation,
    leftANote,
    everyoneElse,
    everyoneElseShownTotal,
    everyoneElseTotal,
    withoutPlan,
    invited,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const total = needsAttentionTotal + everyoneElseTotal;
  const showAllHref = triageHref(scope, list, true);
  return (
    <Page>
      <PageHeader
        title="Triage"
        lede={`Good to see you, ${clinicianName}. Patients who need you come first.`}
        actions={<ButtonLink to="/clinic/patients/new">Add a patient</ButtonLink>}
      />
      <nav className="triage-scope" aria-label="Whose patients">
        <Link to="/clinic" aria-current={scope === "mine" ? "page" : undefined}>
          My patients
        </Link>
        <Link to="/clinic?scope=clinic" aria-current={scope === "clinic" ? "page" : undefined}>
          Whole clinic
        </Link>
      </nav>
      {result ? <Notice tone={result.ok ? "success" : "error"}>{result.message}</Notice> : null}
      {total === 0 && scope === "mine" && withoutPlan === 0 ? (
        <EmptyState
          title="None of your own patients is on a plan"
          action={
            <div className="row" style={{ justifyContent: "center" }}>
              <ButtonLink to="/clinic/patients/new">Add a patient</ButtonLink>
              <ButtonLink to="/clinic?scope=clinic" variant="secondary">
                See the whole clinic
              </ButtonLink>
            </div>
          }
        >
          Patients you add or start on a plan appear here. Your colleagues' patients are under Whole clinic.
        </EmptyState>
      ) : total === 0 ? (
        <EmptyState
          title={withoutPlan > 0 ? "Nobody is on a plan yet" : "No patients yet"}
          action={
            withoutPlan > 0 ? (
              <ButtonLink to="/clinic/patients?status=none">Start a plan for one of them</ButtonLink>
            ) : (
              <ButtonLink to="/clinic/patients/new">Add your first patient</ButtonLink>
            )
          }
        >
          {withoutPlan > 0
            ? `${withoutPlan} ${withoutPlan === 1 ? "patient has" : "patients have"} no plan. Start one and their progress appears here.`
            : "Add a patient, start them on a program, and their progress appears here."}
        </EmptyState>
      ) : (
        <>
          <nav className="triage-counts" aria-label="Show only">
            <CountTile
              count={needsAttentionTotal}
              label="need you"
              to={triageHref(scope, list === "needs" ? null : "needs")}
              current={list === "needs"}
            />
            <CountTile
              count={awaitingConfirmation}
              label="awaiting confirmation"
              to={triageHref(scope, list === "awaiting" ? null : "awaiting")}
              current={list === "awaiting"}
            />
            <CountTile
              count={leftANote}
              label="left a note"
              to={triageHref(scope, list === "notes" ? null : "notes")}
              current={list === "notes"}
            />
            <CountTile
              count={everyoneElseTotal}
              label="on track"
              to={triageHref(scope, list === "on-track" ? null : "on-track")}
              current={list === "on-track"}
            />
            {withoutPlan > 0 ? (
              <CountTile count={withoutPlan} label="without a plan" to="/clinic/patients?status=none" current={false} />
            ) : null}
            {invited > 0 ? (
              <CountTile
                count={invited}
                label="invited, not joined"
                to="/clinic/patients?status=invited"
                current={false}
              />
            ) : null}
          </nav>
          {list ? (
            <p className="triage-filter small">
              Showing only the patients who {LIST_WORDS[list]}. <Link to={triageHref(scope, null)}>Show everyone</Link>
            </p>
          ) : null}
          {list === "on-track" ? null : (
            <section className="triage-section" aria-labelledby="needs-attention">
              <h2 id="needs-attention">Needs your attention</h2>
              {needsAttention.length === 0 ? (
                list && list !== "needs" ? (
                  <p className="muted">{NOBODY_WORDS[list]}</p>
                ) : (
                  <EmptyState title="Nothing needs you right now">
                    No pending advances, regressions, flags, notes or silent patients. Check back after today's logs.
                  </EmptyState>
                )
              ) : (
                <>
                  <ul className="list">
                    {needsAttention.map((row) => (
                      <TriageItem key={row.patientId} row={row} />
                    ))}
                  </ul>
                  <MoreRows
                    shown={needsAttention.length}
                    total={needsAttentionShownTotal}
                    href={showAllHref}
                    showAll={showAll}
                  />
                </>
              )}
            </section>
          )}
          {list && list !== "on-track" ? null : (
            <section className="triage-section" aria-labelledby="everyone-else">
              <h2 id="everyone-else">Everyone else</h2>
              {everyoneElse.length === 0 ? (
                <p className="muted">Everyone on a plan needs a look today.</p>
              ) : (
                <>
                  <ul className="list">
                    {everyoneElse.map((row) => (
                      <OnTrackItem key={row.patientId} row={row} />
                    ))}
                  </ul>
                  <MoreRows
                    shown={everyoneElse.length}
                    total={everyoneElseShownTotal}
                    href={showAllHref}
                    showAll={showAll}
                  />
                </>
              )}
            </section>
          )}
        </>
      )}
    </Page>
  );
}

const LIST_WORDS: Record<TriageList, string> = {
  needs: "need you",
  awaiting: "await your confirmation",
  notes: "left you a note you have not read",
  "on-track": "are on track",
};

/** A tile's list when it is empty (the words above read wrong after "Nobody": "Nobody await…"). */
const NOBODY_WORDS: Record<TriageList, string> = {
  needs: "Nobody needs you right now.",
  awaiting: "Nobody is waiting for your confirmation right now.",
  notes: "No unread notes right now.",
  "on-track": "Nobody is on track right now.",
};

/** The triage address for a scope and list (and "show all"), the way the tiles and links build it. */
function triageHref(scope: "mine" | "clinic", list: TriageList | null, showAll = false): string {
  const query = new URLSearchParams();
  if (scope === "clinic") query.set("scope", "clinic");
  if (list) query.set("list", list);
  if (showAll) query.set("show", "all");
  const text = query.toString();
  return text ? `/clinic?${text}` : "/clinic";
}

/** A count at the top of triage, and a link narrowing the page to those patients (the chosen one: back to everyone). */
function CountTile({ count, label, to, current }: { count: number; label: string; to: string; current: boolean }) {
  return (
    <Link to={to} className="triage-count" aria-current={current ? "true" : undefined}>
      <strong>{count}</strong> {label}
    </Link>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
