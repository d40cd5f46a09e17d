import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { FormEvent, ReactNode } from "react";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { ChoiceField, TextField } from "~/components/forms/fields.tsx";
import { FormError } from "~/components/forms/form-error.tsx";
import { useSchemaForm } from "~/components/forms/use-schema-form.ts";
import {
  LEFS,
  PSFS,
  QUESTIONNAIRE_KINDS,
  QUESTIONNAIRE_TITLES,
  VISA_A,
  VISA_P,
  type QuestionnaireKind,
} from "~/content/questionnaires.ts";
import { Button } from "~/components/ui/button.tsx";
import { Card, EmptyState, Notice, Page, PageHeader } from "~/components/ui/layout.tsx";
import { LefsFormSchema, PsfsFormSchema, VisaFormSchema } from "~/schemas/questionnaires.ts";
import { questionnaireView, saveQuestionnaire, type QuestionnaireAnswers } from "~/services/questionnaire.server.ts";
import { requirePatient } from "~/utils/auth.server.ts";
import { formatDate } from "~/utils/dates.ts";
import { getDb } from "~/utils/db.server.ts";
import { parseForm, readForm, type FormFailure, type FormSuccess } from "~/utils/forms.ts";
import { notFound } from "~/utils/responses.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? QUESTIONNAIRE_TITLES[data.kind] : "Questionnaire"} · Stagewise` },
];

function kindOf(param: string | undefined): QuestionnaireKind {
  if (!QUESTIONNAIRE_KINDS.includes(param as QuestionnaireKind)) throw notFound("Questionnaire not found");
  return param as QuestionnaireKind;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const patient = await requirePatient(request);
  const kind = kindOf(params.kind);
  return { kind, view: await questionnaireView(getDb(), patient, kind) };
}

/** The posted answers, parsed with the schema of their questionnaire. */
function parseAnswers(kind: QuestionnaireKind, formData: FormData): FormSuccess<QuestionnaireAnswers> | FormFailure {
  switch (kind) {
    case "visa-a":
    case "visa-p": {
      const parsed = parseForm(VisaFormSchema, formData);
      return parsed.ok ? { ok: true, data: { kind, form: parsed.data } } : parsed;
    }
    case "lefs": {
      const parsed = parseForm(LefsFormSchema, formData);
      return parsed.ok ? { ok: true, data: { kind, form: parsed.data } } : parsed;
    }
    case "psfs": {
      const parsed = parseForm(PsfsFormSchema, formData);
      return parsed.ok ? { ok: true, data: { kind, form: parsed.data } } : parsed;
    }
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const patient = await requirePatient(request);
  const kind = kindOf(params.kind);
  const parsed = parseAnswers(kind, await readForm(request));
  if (!parsed.ok)
    return data({ ok: false as const, fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  const saved = await saveQuestionnaire(getDb(), patient, parsed.data);
  if (!saved) throw notFound("Plan not found");
  return redirect(`/me/questionnaires/${kind}?saved=${saved.id}`);
}

export default function QuestionnairePage() {
  const { kind, view } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const savedId = params.get("saved");
  const saved = view?.previous.find((p) => p.id === savedId);
  return (
    <Page narrow>
      <PageHeader title={QUESTIONNAIRE_TITLES[kind]} />
      {!view ? (
        <EmptyState title="Your plan isn't set up yet" />
      ) : (
        <div className="stack">
          {saved ? (
            <Notice tone="success">
              Saved. Your score: {saved.value} out of {view.max}. Your progress is updated.
            </Notice>
          ) : null}
          {view.asked.length > 0 ? <Notice tone="info">Your plan asks: {view.asked.join(" · ")}</Notice> : null}
          {view.previous.length > 0 ? (
            <p className="small muted">
              Earlier scores: {view.previous.map((p) => `${p.value} (${formatDate(p.date)})`).join(", ")}
            </p>
          ) : null}
          <QuestionnaireForm key={kind} kind={kind} />
        </div>
      )}
    </Page>
  );
}

function QuestionnaireForm({ kind }: { kind: QuestionnaireKind }) {
  if (kind === "lefs") return <LefsForm />;
  if (kind === "psfs") return <PsfsForm />;
  return <VisaForm content={kind === "visa-a" ? VISA_A : VISA_P} />;
}

/** The answers sent back by the action when some are missing or out of range. */
function useFailedAnswers() {
  const actionData = useActionData<typeof action>();
  return actionData && !actionData.ok ? actionData : null;
}

/** Each questionnaire's form: the error note, its items, the save button. */
function AnswersForm({
  onSubmit,
  failed,
  children,
}: {
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  failed: ReturnType<typeof useFailedAnswers>;
  children: ReactNode;
}) {
  const navigation = useNavigation();
  return (
    <Form method="post" className="form" noValidate onSubmit={onSubmit}>
      <FormError
        message={
          failed
            ? (failed.fieldErrors.activities ?? "Some questions still need an answer — see the marked ones.")
            : null
        }
      />
      {children}
      <Button type="submit" block disabled={navigation.state === "submitting"}>
        Save answers
      </Button>
    </Form>
  );
}

const scaleOptions = (max: number) =>
  Array.from({ length: max + 1 }, (_, v) => ({ value: String(v), label: String(v) }));

function VisaForm({ content }: { content: typeof VISA_A }) {
  const failed = useFailedAnswers();
  const form = useSchemaForm(VisaFormSchema, {
    defaultValues: { ...(failed?.values ?? {}) },
    serverErrors: failed?.fieldErrors,
  });
  return (
    <AnswersForm onSubmit={form.onSubmit} failed={failed}>
      <p>{content.intro}</p>
      {content.items.map((item, i) => (
        <div key={i} className="question">
          {item.kind === "scale" ? (
            <ChoiceField
              form={form}
              name={`items.${i}`}
              label={`${i + 1}. ${item.question}`}
              hint={`${item.note ? `${item.note} ` : ""}0 = ${item.low}, 10 = ${item.high}.`}
              options={scaleOptions(10)}
            />
          ) : (
            <div className="choice--stacked">
              <ChoiceField
                form={form}
                name={`items.${i}`}
                label={`${i + 1}. ${item.question}`}
                options={item.options.map((o) => ({ value: String(o.value), label: o.label }))}
              />
            </div>
          )}
        </div>
      ))}
      <div className="question choice--stacked">
        <ChoiceField
          form={form}
          name="item8Branch"
          label={`8. ${content.item8.intro}`}
          options={content.item8.branches.map((b) => ({ value: b.value, label: b.label }))}
        />
      </div>
      <div className="question choice--stacked">
        <ChoiceField
          form={form}
          name="item8Minutes"
          label="8. For how long can you train or practise?"
          options={content.item8.minutes.map((label, i) => ({ value: String(i), label }))}
        />
      </div>
    </AnswersForm>
  );
}

function LefsForm() {
  const failed = useFailedAnswers();
  const form = useSchemaForm(LefsFormSchema, {
    defaultValues: { ...(failed?.values ?? {}) },
    serverErrors: failed?.fieldErrors,
  });
  return (
    <AnswersForm onSubmit={form.onSubmit} failed={failed}>
      <p>{LEFS.intro}</p>
      {LEFS.items.map((item, i) => (
        <div key={i} className="question choice--stacked">
          <ChoiceField
            form={form}
            name={`items.${i}`}
            label={`${i + 1}. ${item}`}
            options={LEFS.options.map((o) => ({ value: String(o.value), label: `${o.value} — ${o.label}` }))}
          />
        </div>
      ))}
    </AnswersForm>
  );
}

function PsfsForm() {
  const failed = useFailedAnswers();
  const form = useSchemaForm(PsfsFormSchema, {
    defaultValues: { ...(failed?.values ?? {}) },
    serverErrors: failed?.fieldErrors,
  });
  return (
    <AnswersForm onSubmit={form.onSubmit} failed={failed}>
      <p>{PSFS.intro}</p>
      {Array.from({ length: PSFS.maxActivities }, (_, i) => (
        <Card key={i} title={`Activity ${i + 1}${i >= PSFS.minActivities ? " (optional)" : ""}`}>
          <TextField form={form} name={`activities.${i}.name`} label="Activity" autoComplete="off" />
          <ChoiceField
            form={form}
            name={`activities.${i}.score`}
            label="How well can you do it today?"
            hint="0 = unable, 10 = as before the problem."
            options={scaleOptions(10)}
          />
        </Card>
      ))}
    </AnswersForm>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
