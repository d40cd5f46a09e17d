import { TryDose } from "~/components/clinic/try-dose.tsx";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CheckTable, FlagList, OutcomeBadge } from "~/components/clinic/decision-explanation.tsx";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { Button } from "~/components/ui/button.tsx";
import { Card, Notice, Page, PageHeader } from "~/components/ui/layout.tsx";
import { TRY_DEFAULTS, TryProgramSchema } from "~/schemas/try-program.ts";
import { listPatientsForClinic } from "~/services/caseload.server.ts";
import { findProgramForClinic } from "~/services/program-lookup.server.ts";
import { patientHistory, replay, syntheticHistory } from "~/services/program-replay.server.ts";
import { requireClinician } from "~/utils/auth.server.ts";
import { formatDate, todayIn } from "~/utils/dates.ts";
import { getDb } from "~/utils/db.server.ts";
import { parseForm } from "~/utils/forms.ts";
import { notFound } from "~/utils/responses.ts";
import { TryField, TrySelect } from "./try-fields.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Try ${data?.program.name ?? "a program"} · Stagewise` },
];

/** A pure preview: reads the program (and optionally a patient's history), runs the engine, writes nothing. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const clinician = await requireClinician(request);
  const db = getDb();
  const program = await findProgramForClinic(db, clinician.clinic_id, params.programId ?? "");
  if (!program) throw notFound("Program not found");
  const url = new URL(request.url);
  const patients = (await listPatientsForClinic(db, clinician.clinic_id))
    .filter((p) => p.planStatus)
    .map((p) => ({ id: p.id, name: p.name }));
  const base = {
    program: { id: program.id, name: program.name, stages: program.stages.map((s) => ({ id: s.id, name: s.name })) },
    patients,
  };
  const defaults: Record<string, string> = TRY_DEFAULTS;
  if (!url.searchParams.has("source")) return { ...base, values: defaults, fieldErrors: null, days: null };

  const formData = new FormData();
  for (const [k, v] of url.searchParams) formData.append(k, v);
  const parsed = parseForm(TryProgramSchema, formData);
  const values: Record<string, string> = { ...TRY_DEFAULTS, ...Object.fromEntries(url.searchParams) };
  if (!parsed.ok) return data({ ...base, values, fieldErrors: parsed.fieldErrors, days: null }, { status: 400 });
  const input = parsed.data;
  let history;
  if (input.source === "patient") {
    if (!input.patientId)
      return data({ ...base, values, fieldErrors: { patientId: "Choose a patient" }, days: null }, { status: 400 });
    history = await patientHistory(db, clinician.clinic_id, input.patientId);
    if (!history) throw notFound("Patient not found");
  } else {
    history = syntheticHistory(program, input, todayIn(clinician.time_zone));
  }
  return { ...base, values, fieldErrors: null, days: replay(program, history, input.startStageId) };
}

export default function TryProgramPage() {
  const { program, patients, values, fieldErrors, days } = useLoaderData<typeof loader>();
  const changes = days?.filter((d) => d.outcome !== "hold") ?? [];
  const common = { values, errors: fieldErrors };
  return (
    <Page>
      <p className="small">
        <Link to={`/clinic/programs/${program.id}`}>← {program.name}</Link>
      </p>
      <PageHeader
        title={`Try it: ${program.name}`}
        lede="Run the program on a sample history and see, day by day, what the engine would decide and why. A preview only: nothing is saved."
      />
      <Card title="Sample history">
        <Form method="get" className="form">
          <div className="editor-fields editor-fields--wide">
            <TrySelect
              name="source"
              label="History"
              values={values}
              options={[
                { value: "synthetic", label: "A made-up patient (settings below)" },
                { value: "patient", label: "An existing patient's logs" },
              ]}
            />
            <TrySelect
              name="patientId"
              label="Patient (for an existing history)"
              values={values}
              options={[{ value: "", label: "—" }, ...patients.map((p) => ({ value: p.id, label: p.name }))]}
            />
            <TrySelect
              name="startStageId"
              label="Start in stage"
              values={values}
              options={[
                { value: "", label: "First stage" },
                ...program.stages.map((s, i) => ({ value: s.id, label: `${i + 1}. ${s.name}` })),
              ]}
            />
          </div>
          {fieldErrors?.patientId ? <p className="field__error">{fieldErrors.patientId}</p> : null}
          <fieldset className="editor-block">
            <legend>Made-up patient</legend>
            <div className="editor-fields">
              <TryField name="days" label="Days" type="number" min={7} max={120} {...common} />
              <TryField
                name="painDuring"
                label="Pain during (0–10)"
                type="range"
                min={0}
                max={10}
                step={0.5}
                hint={`starts at ${values.painDuring}`}
                {...common}
              />
              <TrySelect
                name="painTrend"
                label="Pain trend"
                values={values}
                options={[
                  { value: "falling", label: "falling 1 point a week" },
                  { value: "steady", label: "steady" },
                  { value: "rising", label: "rising 1 point a week" },
                ]}
              />
              <TryField
                name="morningPain"
                label="Morning pain (0–10)"
                type="number"
                min={0}
                max={10}
                step={0.5}
                {...common}
              />
              <TryField name="adherencePercent" label="Sessions done (%)" type="number" min={0} max={100} {...common} />
              <TryField
                name="runningMinutes"
                label="Running minutes a session"
                type="number"
                min={0}
                max={180}
                {...common}
              />
              <TryField name="lsiStart" label="Limb symmetry at start (%)" type="number" {...common} />
              <TryField name="lsiEnd" label="Limb symmetry at end (%)" type="number" {...common} />
              <TryField name="questionnaireStart" label="Questionnaire at start" type="number" {...common} />
              <TryField name="questionnaireEnd" label="Questionnaire at end" type="number" {...common} />
              <TrySelect
                name="signoffs"
                label="Clinician sign-offs"
                values={values}
                options={[
                  { value: "yes", label: "given when asked" },
                  { value: "no", label: "never given" },
                ]}
              />
            </div>
          </fieldset>
          <div>
            <Button type="submit">Run the engine</Button>
          </div>
        </Form>
      </Card>
      {days ? (
        <section aria-labelledby="try-results" className="stack" style={{ marginTop: "var(--space-5)" }}>
          <h2 id="try-results">What the engine would decide</h2>
          <Notice tone="info">
            {changes.length === 0
              ? `Over ${days.length} days the engine would keep the patient in the stage every day. Open a day to see which gates were not met.`
              : `${changes.length} ${changes.length === 1 ? "stage change" : "stage changes"} over ${days.length} days: ${changes.map((c) => `day ${c.day} ${c.outcome}${c.outcome === "complete" ? "" : ` → ${c.toStageName}`}`).join("; ")}. Each is assumed confirmed on the day.`}
          </Notice>
          <TryDose days={days} />
          <ol className="clinic-history">
            {days.map((d) => (
              <li key={d.date} className={`try-day try-day--${d.outcome}`}>
                <details open={d.outcome !== "hold"}>
                  <summary>
                    <span className="clinic-history__date">
                      Day {d.day} · {formatDate(d.date)}
                    </span>
                    <OutcomeBadge outcome={d.outcome} />
                    <span className="small muted">
                      Stage {d.stageIndex + 1}: {d.stageName}
                      {(d.outcome === "advance" || d.outcome === "regress") && d.toStageName !== d.stageName
                        ? ` → ${d.toStageName}`
                        : ""}
                    </span>
                  </summary>
                  <p>{d.clinicianSummary}</p>
                  <FlagList flags={d.flags} />
                  {d.doseChanges.length > 0 ? (
                    <ul className="small">
                      {d.doseChanges.map((line) => (
                        <li key={line}>Dose: {line}</li>
                      ))}
                    </ul>
                  ) : null}
                  <CheckTable checks={d.checks} />
                </details>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </Page>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
