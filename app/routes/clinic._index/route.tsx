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

export async function loader({ request }: LoaderFunctionArgs) {
  const clinician = await requireClinician(request);
  const params = new URL(request.url).searchParams;
  const scope = params.get("scope") === "clinic" ? "clinic" : "mine";
  const showAll = params.get("show") === "all";
  const triage = await loadTriage(
    getDb(),
    clinician.clinic_id,
    clinician.time_zone,
    scope === "mine" ? { clinicianId: clinician.id } : {},
  );
  const shown = showAll ? Infinity : TRIAGE_ROWS_SHOWN;
  return {
    clinicianName: clinician.name,
    scope,
    showAll,
    needsAttention: triage.needsAttention.slice(0, shown),
    needsAttentionTotal: triage.needsAttention.length,
    awaitingConfirmation: triage.needsAttention.filter((r) => r.reasons.some((x) => x.code === "pending_advance"))
      .length,
    // Patients on track need no decision: a compact line each, without the chart or the engine's explanation.
    everyoneElse: triage.everyoneElse.slice(0, shown).map(onTrackLine),
    everyoneElseTotal: triage.everyoneElse.length,
    withoutPlan: triage.withoutPlan,
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
    needsAttention,
    needsAttentionTotal,
    awaitingConfirmation,
    everyoneElse,
    everyoneElseTotal,
    withoutPlan,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const total = needsAttentionTotal + everyoneElseTotal;
  const showAllHref = scope === "clinic" ? "/clinic?scope=clinic&show=all" : "/clinic?show=all";
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
          <div className="triage-counts" aria-label="Summary">
            <div className="triage-count">
              <strong>{needsAttentionTotal}</strong> need you
            </div>
            <div className="triage-count">
              <strong>{awaitingConfirmation}</strong> awaiting confirmation
            </div>
            <div className="triage-count">
              <strong>{everyoneElseTotal}</strong> on track
            </div>
            {withoutPlan > 0 ? (
              <div className="triage-count">
                <strong>{withoutPlan}</strong> <Link to="/clinic/patients?status=none">without a plan</Link>
              </div>
            ) : null}
          </div>
          <section className="triage-section" aria-labelledby="needs-attention">
            <h2 id="needs-attention">Needs your attention</h2>
            {needsAttention.length === 0 ? (
              <EmptyState title="Nothing needs you right now">
                No pending advances, regressions, flags or silent patients. Check back after today's logs.
              </EmptyState>
            ) : (
              <>
                <ul className="list">
                  {needsAttention.map((row) => (
                    <TriageItem key={row.patientId} row={row} />
                  ))}
                </ul>
                <MoreRows
                  shown={needsAttention.length}
                  total={needsAttentionTotal}
                  href={showAllHref}
                  showAll={showAll}
                />
              </>
            )}
          </section>
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
                <MoreRows shown={everyoneElse.length} total={everyoneElseTotal} href={showAllHref} showAll={showAll} />
              </>
            )}
          </section>
        </>
      )}
    </Page>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
