import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { describeCriterion } from "~/components/clinic/criterion-summary.tsx";
import type { PainModel } from "~/engine/index.ts";
import { PrescriptionTable } from "~/components/clinic/prescription-table.tsx";
import { describeProgression } from "~/components/clinic/progression-summary.ts";
import { describeQuestionnaireSchedule } from "~/components/clinic/questionnaire-schedule-summary.ts";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { Button, ButtonLink } from "~/components/ui/button.tsx";
import { Badge, Card, Notice, Page, PageHeader } from "~/components/ui/layout.tsx";
import { getProgramDetail } from "~/services/program-editor.server.ts";
import { requireClinician } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/dates.ts";
import { getDb } from "~/utils/db.server.ts";
import { notFound } from "~/utils/responses.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.program.name ?? "Program"} · Stagewise` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const clinician = await requireClinician(request);
  const detail = await getProgramDetail(getDb(), clinician.clinic_id, params.programId ?? "");
  if (!detail) throw notFound("Program not found");
  return detail;
}

export default function ProgramPage() {
  const { program, builtIn, versions, plansByVersion } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const pm = program.painModel;
  const citation = new Map(program.citations.map((c) => [c.id, c]));
  return (
    <Page>
      <p className="small">
        <Link to="/clinic/programs">← All programs</Link>
      </p>
      <PageHeader
        title={program.name}
        lede={
          <>
            {program.condition} · {program.stages.length} stage{program.stages.length === 1 ? "" : "s"} ·{" "}
            {builtIn ? <Badge tone="info">library, read-only</Badge> : `version ${program.version}`}
          </>
        }
        actions={
          <>
            <ButtonLink to={`/clinic/programs/${program.id}/try`} variant="secondary">
              Try it
            </ButtonLink>
            {builtIn ? (
              <Form method="post" action="/clinic/programs?index">
                <input type="hidden" name="sourceId" value={program.id} />
                <Button type="submit">Duplicate to edit</Button>
              </Form>
            ) : (
              <ButtonLink to={`/clinic/programs/${program.id}/edit`}>Edit</ButtonLink>
            )}
          </>
        }
      />
      {params.get("saved") ? (
        <Notice tone="success">
          Saved{params.get("saved") !== "1" ? ` as version ${params.get("saved")}` : ""}. Plans on older versions keep
          theirs until you move them.
        </Notice>
      ) : null}
      <div className="stack">
        <Card title="Summary">
          <p>{program.summary}</p>
          <p className="small">
            <strong>{pm.name}:</strong> pain during{" "}
            {pm.duringMax === null ? "allowed" : `${pm.inclusive ? "≤" : "<"} ${pm.duringMax}/10`}
            {pm.afterMax !== null ? `, after ${pm.inclusive ? "≤" : "<"} ${pm.afterMax}/10` : ""}; settle by{" "}
            {pm.settleBy.replace("_", " ")}; week on week {pm.weekOnWeek.replace("_", " ")}; flag at {pm.redFlagPain}
            /10.
          </p>
          {program.questionnaireSchedule?.length ? (
            <p className="small">
              <strong>Questionnaires asked of the patient:</strong>{" "}
              {program.questionnaireSchedule.map(describeQuestionnaireSchedule).join("; ")}.
            </p>
          ) : null}
          {plansByVersion.length > 0 ? (
            <p className="small muted">
              In use: {plansByVersion.map((v) => `${v.plans} on version ${v.version}`).join(", ")}.
            </p>
          ) : (
            <p className="small muted">No patient is on this program yet.</p>
          )}
        </Card>
        {program.stages.map((stage, i) => (
          <Card key={stage.id} title={`Stage ${i + 1}: ${stage.name}`}>
            <p>{stage.goal}</p>
            <p className="small muted">
              At least {stage.minDays} days · {stage.instructions}
            </p>
            <PrescriptionTable prescription={stage.prescription} citations={program.citations} />
            <StageProgressions stage={stage} painModel={pm} />
            <StageTests stage={stage} />
            <div className="grid-2">
              <div>
                <h3>Gates to advance</h3>
                {stage.gates.length === 0 ? <p className="muted small">Only the minimum days.</p> : null}
                <ul className="small">
                  {stage.gates.map((g) => (
                    <li key={g.id}>
                      {describeCriterion(g, "gate", pm)}
                      {g.source?.ours ? <Badge>our reading</Badge> : null}
                      {g.source?.citationIds?.length ? (
                        <span className="muted">
                          {" "}
                          [{g.source.citationIds.map((id) => citation.get(id)?.authors.split(",")[0] ?? id).join("; ")}]
                        </span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </div>
              <div>
                <h3>Regress rules</h3>
                {stage.regressRules.length === 0 ? <p className="muted small">None.</p> : null}
                <ul className="small">
                  {stage.regressRules.map((r) => (
                    <li key={r.id}>
                      <strong>{r.label}:</strong>{" "}
                      {r.criteria
                        .map((c) => describeCriterion(c, "regress", pm))
                        .join(r.when === "all" ? " and " : " or ")}{" "}
                      → {regressTarget(r.action, i, program.stages)}
                      {r.action.loadReductionPercent ? `, load −${r.action.loadReductionPercent} %` : ""}
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          </Card>
        ))}
        <Card title="Citations">
          {program.citations.length === 0 ? (
            <p className="muted">None: the numbers are this clinic's own reading.</p>
          ) : null}
          <ol className="small">
            {program.citations.map((c) => (
              <li key={c.id}>
                {c.authors} ({c.year}). {c.title}. <em>{c.journal}</em>
                {c.note ? <div className="muted">{c.note}</div> : null}
              </li>
            ))}
          </ol>
        </Card>
        {!builtIn ? (
          <Card title="Versions">
            <ul className="small">
              {versions.map((v) => (
                <li key={v.version}>
                  Version {v.version} · {formatDate(v.createdAt)} · {v.createdBy ?? "—"}
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
    </Page>
  );
}

type ProgramStage = ReturnType<typeof useLoaderData<typeof loader>>["program"]["stages"][number];
type RegressAction = ProgramStage["regressRules"][number]["action"];

/** Where a regress rule sends the patient, in words ("back to Stage 1 — Isometrics"). */
function regressTarget(action: RegressAction, index: number, stages: ProgramStage[]): string {
  const words = (i: number) => (stages[i] ? `Stage ${i + 1} — ${stages[i].name}` : "an earlier stage");
  switch (action.to) {
    case "previous":
      return `back to ${words(index - 1)}`;
    case "back":
      return `back to ${words(index - action.steps)}`;
    case "stage":
      return `back to ${words(stages.findIndex((s) => s.id === action.stageId))}`;
    case "stay":
      return "stay in this stage";
    case "repeat":
      return "start this stage over";
  }
}

/** The stage's progression rules in words: the stage's own, each exercise's, the run's. */
function StageProgressions({ stage, painModel }: { stage: ProgramStage; painModel: PainModel }) {
  const rules = [
    ...(stage.progression ? [{ who: "Every exercise without its own rule", rule: stage.progression }] : []),
    ...stage.prescription.exercises.flatMap((e) => (e.progression ? [{ who: e.name, rule: e.progression }] : [])),
    ...(stage.prescription.run?.progression ? [{ who: "The run", rule: stage.prescription.run.progression }] : []),
  ];
  return (
    <div>
      <h3>Progression</h3>
      {rules.length === 0 ? (
        <p className="muted small">None: the dose stays as prescribed until the physio changes it.</p>
      ) : (
        <ul className="small">
          {rules.map(({ who, rule }) => (
            <li key={`${who}-${rule.id}`}>
              <strong>{who}:</strong> {describeProgression(rule, painModel)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The tests the patient scores the morning after, and the stage's trial sessions. */
function StageTests({ stage }: { stage: ProgramStage }) {
  const tests = stage.monitoringTests ?? [];
  const testName = (id: string) => tests.find((t) => t.id === id)?.name ?? id.replace(/[_-]/g, " ");
  if (tests.length === 0 && !stage.trial) return null;
  return (
    <div>
      <h3>Monitoring</h3>
      <ul className="small">
        {tests.map((t) => (
          <li key={t.id}>
            Scored the next morning: <strong>{t.name}</strong>
            {t.instructions ? ` — ${t.instructions}` : ""}
          </li>
        ))}
        {stage.trial ? (
          <li>
            Trial of a new load: {stage.trial.label} (
            {stage.trial.test ? `sessions on days ${testName(stage.trial.test)} is scored` : "every session"}); an
            advance waits for the next morning&apos;s response.
          </li>
        ) : null}
      </ul>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
