import { Form, useActionData, useNavigation } from "@remix-run/react";
import { ChoiceField, TextAreaField, TextField } from "~/components/forms/fields.tsx";
import { FormError } from "~/components/forms/form-error.tsx";
import { useSchemaForm } from "~/components/forms/use-schema-form.ts";
import { ScoreScale } from "~/components/patient/scales.tsx";
import { Button } from "~/components/ui/button.tsx";
import { Card, Page, PageHeader } from "~/components/ui/layout.tsx";
import { DailyLogSchema } from "~/schemas/daily-log.ts";
import { formatDate } from "~/utils/dates.ts";
import { ExerciseRow } from "./exercise-row.tsx";
import { SESSION_OPTIONS, SORENESS_OPTIONS, SWELLING_HINT, SWELLING_OPTIONS } from "./log-options.ts";
import type { action, loader } from "./route.tsx";

/** The day's log form, as the loader describes it (the patient's exercises, zones, tests, what was saved). */
export type LogFormView = NonNullable<Awaited<ReturnType<typeof loader>>["view"]>;
type View = LogFormView;

function defaultValuesFor(view: View): Record<string, unknown> {
  const saved = view.existing as
    (Record<string, unknown> & { exercises?: Array<Record<string, unknown>>; otherActivities?: unknown[] }) | null;
  const savedExercises = new Map((saved?.exercises ?? []).map((e) => [String(e.exerciseId), e]));
  const exercises = view.exercises.map((e) => {
    const found = savedExercises.get(e.id);
    // Sensible default: done as prescribed (their own dose, kg included); the patient changes only what was different.
    return (
      found ?? { exerciseId: e.id, status: "done", sets: e.sets ?? "", reps: e.reps ?? "", loadKg: e.load?.kg ?? "" }
    );
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

export function LogForm({ view }: { view: View }) {
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
  // Monitoring tests are done each morning, as the response to yesterday's session; other tests when they are done.
  const morningTests = view.tests.filter((t) => t.morning);
  const otherTests = view.tests.filter((t) => !t.morning);

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
          {morningTests.map((t) => (
            <ScoreScale
              key={t.name}
              form={form}
              name={`testPain.${t.name}`}
              label={`${t.label}: pain`}
              hint={
                t.instructions ?? "Do this test once this morning, before any exercise, and score how much it hurt."
              }
            />
          ))}
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

        {otherTests.length > 0 || view.asksSoreness || view.asksSwelling ? (
          <Card title="Your plan also asks" className="log-section">
            {otherTests.map((t) => (
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
              <ChoiceField
                form={form}
                name="swelling"
                label="Swelling"
                hint={SWELLING_HINT}
                options={SWELLING_OPTIONS}
              />
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
            <ChoiceField
              form={form}
              name="swelling"
              label="Any swelling?"
              hint={SWELLING_HINT}
              options={SWELLING_OPTIONS}
            />
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
