import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { isValidLocalDate } from "~/engine/dates.ts";
import { RouteErrorBoundary } from "~/components/error-boundary.tsx";
import { ChoiceField, TextAreaField, TextField } from "~/components/forms/fields.tsx";
import { FormError } from "~/components/forms/form-error.tsx";
import { useSchemaForm, type SchemaFormOf } from "~/components/forms/use-schema-form.ts";
import { doseParts } from "~/components/patient/dose.ts";
import { ScoreScale } from "~/components/patient/scales.tsx";
import { Button } from "~/components/ui/button.tsx";
import { Card, EmptyState, Notice, Page, PageHeader } from "~/components/ui/layout.tsx";
import {
  CheckInSchema,
  DailyLogSchema,
  EDIT_WINDOW_DAYS,
  EXERCISE_STATUSES,
  SESSION_DONE,
  SORENESS_LEVELS,
  SWELLING_GRADES,
} from "~/schemas/daily-log.ts";
import { saveCheckIn, saveDailyLog } from "~/services/daily-logs.server.ts";
import { logFormView } from "~/services/patient-today.server.ts";
import { requirePatient } from "~/utils/auth.server.ts";
import { formatDate, todayIn } from "~/utils/dates.ts";
import { getDb } from "~/utils/db.server.ts";
import { parseForm, readForm, type FormFailure } from "~/utils/forms.ts";
import { notFound } from "~/utils/responses.ts";

export const meta: MetaFunction = () => [{ title: "Log today · Stagewise" }];

function requestedDate(request: Request, timeZone: string): string {
  const date = new URL(request.url).searchParams.get("date");
  if (date === null) return todayIn(timeZone);
  // A real calendar day only: Date.parse would roll 2026-02-30 over to 2 March.
  if (!isValidLocalDate(date)) throw notFound("Day not found");
  return date;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const patient = await requirePatient(request);
  const date = requestedDate(request, patient.time_zone);
  return { view: await logFormView(getDb(), patient, date) };
}

export async function action({ request }: ActionFunctionArgs) {
  const patient = await requirePatient(request);
  const formData = await readForm(request);
  const intent = formData.get("intent") === "checkin" ? "checkin" : "log";
  const invalid = (failure: FormFailure) =>
    data(
      {
        ok: false as const,
        fieldErrors: failure.fieldErrors,
        formError: "Some answers need a look — see the marked questions.",
        values: failure.values,
      },
      { status: 400 },
    );
  // Each intent is parsed with its own schema, so each save gets its own typed input.
  let result;
  if (intent === "checkin") {
    const parsed = parseForm(CheckInSchema, formData);
    if (!parsed.ok) return invalid(parsed);
    result = await saveCheckIn(getDb(), patient, parsed.data);
  } else {
    const parsed = parseForm(DailyLogSchema, formData);
    if (!parsed.ok) return invalid(parsed);
    result = await saveDailyLog(getDb(), patient, parsed.data);
  }
  if (!result.ok) {
    if (result.status === 404) throw notFound("Plan not found");
    return data(
      {
        ok: false as const,
        fieldErrors: result.fieldErrors,
        formError: result.formError ?? "",
        values: Object.fromEntries(formData),
      },
      { status: result.status },
    );
  }
  const params = new URLSearchParams({
    date: result.date,
    ...(result.decisionId ? { decision: result.decisionId } : {}),
    ...(intent === "checkin" ? { checkin: "1" } : {}),
  });
  // Post/Redirect/Get: a refresh of the answer page never posts the log again.
  return redirect(`/me/log/saved?${params}`);
}

type View = NonNullable<Awaited<ReturnType<typeof loader>>["view"]>;

export default function DailyLogPage() {
  const { view } = useLoaderData<typeof loader>();
  if (!view) {
    return (
      <Page narrow>
        <PageHeader title="Log today" />
        <EmptyState title="Your plan isn't set up yet">
          Once your physio adds your exercises you can log them here.
        </EmptyState>
      </Page>
    );
  }
  if (!view.editable) {
    return (
      <Page narrow>
        <PageHeader title={`Log for ${formatDate(view.date)}`} />
        <Notice tone="warning">
          Logs can be added or changed for today and the {EDIT_WINDOW_DAYS} days before it. This day can no longer be
          changed.
        </Notice>
        <Link to="/me/history">Back to your history</Link>
      </Page>
    );
  }
  return <LogForm view={view} />;
}

function defaultValuesFor(view: View): Record<string, unknown> {
  const saved = view.existing as
    (Record<string, unknown> & { exercises?: Array<Record<string, unknown>>; otherActivities?: unknown[] }) | null;
  const savedExercises = new Map((saved?.exercises ?? []).map((e) => [String(e.exerciseId), e]));
  const exercises = view.exercises.map((e) => {
    const found = savedExercises.get(e.id);
    // Sensible default: done as prescribed; the patient changes only what was different.
    return found ?? { exerciseId: e.id, status: "done", sets: e.sets ?? "", reps: e.reps ?? "", loadKg: "" };
  });
  const spare = { label: "", minutes: "", rpe: "" };
  const others = [...(saved?.otherActivities ?? []), spare];
  return {
    date: view.date,
    morningPain: "",
    morningStiffness: "",
    sessionDone: "",
    runningMinutes: "",
    painDuring: "",
    painAfter: "",
    sessionRpe: "",
    sessionMinutes: "",
    swelling: "",
    soreness: "",
    testPain: {},
    notes: "",
    ...(saved ?? {}),
    exercises,
    otherActivities: others.length < 2 ? [...others, spare] : others,
  };
}

// Patient wording for each value the schema accepts; typed by the schema's lists so the two cannot drift apart.
const options = <V extends string>(values: readonly V[], labels: Record<V, string>) =>
  values.map((value) => ({ value, label: labels[value] }));
const SESSION_OPTIONS = options(SESSION_DONE, { done: "Yes, all of it", partial: "Some of it", none: "No session" });
const EXERCISE_OPTIONS = options(EXERCISE_STATUSES, { done: "Done", partial: "Partly", skipped: "Not done" });
const SWELLING_OPTIONS = options(SWELLING_GRADES, {
  none: "None",
  trace: "A little",
  "1+": "Some",
  "2+": "A lot",
  "3+": "Very swollen",
});
const SORENESS_OPTIONS = options(SORENESS_LEVELS, {
  none: "No soreness",
  warmup_resolved: "Sore at the start, gone after warming up",
  warmup_persisted: "Sore at the start and it stayed",
  after_1h_or_next_day: "Sore for over an hour after, or next day",
});

function LogForm({ view }: { view: View }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const failed = actionData && !actionData.ok ? actionData : null;
  const defaults = defaultValuesFor(view);
  const form = useSchemaForm(DailyLogSchema, {
    defaultValues: failed?.values ? { ...defaults, ...failed.values } : defaults,
    serverErrors: failed?.fieldErrors,
  });
  const sessionDone = form.hydrated ? form.watch("sessionDone") : undefined;
  const exerciseRows = form.defaultFor("exercises") ?? [];
  const otherRows = form.defaultFor("otherActivities") ?? [];
  const when = view.isToday ? "today" : `on ${formatDate(view.date)}`;

  return (
    <Page narrow>
      <PageHeader
        title={view.isToday ? "Log today" : `Log for ${formatDate(view.date)}`}
        lede={
          view.existing ? `You logged this day already: saving again updates it.` : `${view.stageName}. About a minute.`
        }
      />
      <FormError message={failed?.formError} />
      <Form
        method="post"
        className="form log-form"
        noValidate
        onSubmit={form.onSubmit}
        action={`/me/log?date=${view.date}`}
      >
        <input type="hidden" name="intent" value="log" />
        <input type="hidden" {...form.register("date")} defaultValue={view.date} />

        <Card title="Morning check-in" className="log-section">
          <p className="muted small">
            How it felt when you woke up {when}: this tells your plan how yesterday's load went down.
          </p>
          <ScoreScale form={form} name="morningPain" label="Pain on waking" />
          <ScoreScale form={form} name="morningStiffness" label="Stiffness on waking" low="none" high="very stiff" />
        </Card>

        <Card title="Session" className="log-section">
          <ChoiceField
            form={form}
            name="sessionDone"
            label={`Did you do your exercises ${when}?`}
            options={SESSION_OPTIONS}
          />
          {sessionDone === "none" ? null : (
            <>
              {exerciseRows.length > 0 ? (
                <div className="stack log-exercises">
                  {view.exercises.map((exercise, i) => (
                    <ExerciseRow
                      key={exercise.id}
                      form={form}
                      index={i}
                      exercise={exercise}
                      involvedSide={view.involvedSide}
                    />
                  ))}
                </div>
              ) : null}
              <ScoreScale
                form={form}
                name="painDuring"
                label="Pain during the session"
                hint={`Your plan: ${view.painModelName}.`}
                zones={view.zones.during}
              />
              <ScoreScale
                form={form}
                name="painAfter"
                label="Pain after the session"
                zones={view.zones.after}
                hint="Leave blank if you don't know yet."
              />
              <ScoreScale
                form={form}
                name="sessionRpe"
                label="How hard was the session?"
                low="rest"
                high="maximal effort"
              />
              <div className="grid-numbers">
                <TextField
                  form={form}
                  name="sessionMinutes"
                  label="Session minutes"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={600}
                />
                <TextField
                  form={form}
                  name="runningMinutes"
                  label="Running minutes"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={600}
                  hint={view.run ? "Your plan has running." : undefined}
                />
              </div>
            </>
          )}
        </Card>

        {view.tests.length > 0 || view.asksSoreness || view.asksSwelling ? (
          <Card title="Your plan also asks" className="log-section">
            {view.tests.map((t) => (
              <ScoreScale
                key={t.name}
                form={form}
                name={`testPain.${t.name}`}
                label={`${t.label}: pain`}
                hint="Only if you did this test today."
              />
            ))}
            {view.asksSoreness ? (
              <ChoiceField form={form} name="soreness" label="Soreness" options={SORENESS_OPTIONS} />
            ) : null}
            {view.asksSwelling ? (
              <ChoiceField form={form} name="swelling" label="Swelling" options={SWELLING_OPTIONS} />
            ) : null}
          </Card>
        ) : null}

        <Card title="Anything else you did" className="log-section">
          <p className="muted small">A walk, a swim, a game: it counts towards your load, not your exercises.</p>
          {otherRows.map((_, i) => (
            <fieldset key={i} className="other-activity">
              <legend className="visually-hidden">Other activity {i + 1}</legend>
              <TextField
                form={form}
                name={`otherActivities.${i}.label`}
                label="Activity"
                placeholder="e.g. walk"
                autoComplete="off"
              />
              <TextField
                form={form}
                name={`otherActivities.${i}.minutes`}
                label="Minutes"
                type="number"
                inputMode="numeric"
                min={1}
                max={600}
              />
              <TextField
                form={form}
                name={`otherActivities.${i}.rpe`}
                label="Effort 0–10"
                type="number"
                inputMode="numeric"
                min={0}
                max={10}
              />
            </fieldset>
          ))}
          {!view.asksSwelling ? (
            <ChoiceField form={form} name="swelling" label="Any swelling?" options={SWELLING_OPTIONS} />
          ) : null}
          <TextAreaField form={form} name="notes" label="Notes for your physio (optional)" rows={3} />
        </Card>

        <Button type="submit" block disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Saving…" : view.existing ? "Save changes" : "Save log"}
        </Button>
      </Form>
    </Page>
  );
}

function ExerciseRow({
  form,
  index,
  exercise,
  involvedSide,
}: {
  form: SchemaFormOf<typeof DailyLogSchema>;
  index: number;
  exercise: View["exercises"][number];
  involvedSide: string;
}) {
  const base = `exercises.${index}` as const;
  return (
    <fieldset className="log-exercise">
      <legend className="log-exercise__name">{exercise.name}</legend>
      <p className="log-exercise__dose">{doseParts(exercise, involvedSide).join(" · ")}</p>
      <input type="hidden" {...form.register(`${base}.exerciseId`)} defaultValue={exercise.id} />
      <ChoiceField
        form={form}
        name={`${base}.status`}
        label={<span className="visually-hidden">{exercise.name}: done?</span>}
        options={EXERCISE_OPTIONS}
      />
      <div className="grid-numbers grid-numbers--3">
        <TextField form={form} name={`${base}.sets`} label="Sets" type="number" inputMode="numeric" min={0} max={50} />
        <TextField form={form} name={`${base}.reps`} label="Reps" type="number" inputMode="numeric" min={0} max={500} />
        <TextField
          form={form}
          name={`${base}.loadKg`}
          label="Extra kg"
          type="number"
          inputMode="decimal"
          min={0}
          max={500}
          step="0.5"
        />
      </div>
    </fieldset>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
