import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { ChoiceField, SelectField, TextAreaField, TextField } from "~/components/forms/fields.tsx";
import { FormError } from "~/components/forms/form-error.tsx";
import { useSchemaForm } from "~/components/forms/use-schema-form.ts";
import { ScoreScale } from "~/components/patient/scales.tsx";
import { Button } from "~/components/ui/button.tsx";
import { Card, Notice, Page, PageHeader } from "~/components/ui/layout.tsx";
import { DailyLogSchema } from "~/schemas/daily-log.ts";
import { formatDate } from "~/utils/dates.ts";
import { ExerciseRow } from "./exercise-row.tsx";
import { isKneeCondition, SESSION_OPTIONS, SORENESS_OPTIONS, swellingHint, swellingOptions } from "./log-options.ts";
import type { action, loader } from "./route.tsx";

/** The day's log form, as the loader describes it (the patient's exercises, zones, tests, what was saved). */
export type LogFormView = NonNullable<Awaited<ReturnType<typeof loader>>["view"]>;
type View = LogFormView;

export function defaultValuesFor(
  view: Pick<View, "existing" | "exercises" | "date" | "openedVersion">,
): Record<string, unknown> {
  const saved = view.existing as
    (Record<string, unknown> & { exercises?: Array<Record<string, unknown>>; otherActivities?: unknown[] }) | null;
  const savedExercises = new Map((saved?.exercises ?? []).map((e) => [String(e.exerciseId), e]));
  // A day saved as "did them all" has every exercise done: switching it to "some of them" asks afresh which ones.
  const allDone = saved?.sessionDone === "done";
  const exercises = view.exercises.map((e) => {
    const found = savedExercises.get(e.id);
    if (found) return allDone ? { ...found, status: "" } : found;
    // Unanswered until the patient says; the numbers start from their own dose, for when only part was done.
    return { exerciseId: e.id, status: "", sets: e.sets ?? "", reps: e.reps ?? "", loadKg: e.load?.kg ?? "" };
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
    openedVersion: view.openedVersion,
    exercises,
    otherActivities: others,
  };
}

/** Whether any of these (top-level) answers was given or has an error: then its folded section starts open. */
function anyGiven(values: Record<string, unknown>, errors: Record<string, string> | undefined, names: string[]) {
  const given = (v: unknown): boolean =>
    Array.isArray(v)
      ? v.some(given)
      : v !== null && typeof v === "object"
        ? Object.values(v).some(given)
        : v !== undefined && v !== "";
  return names.some(
    (name) => given(values[name]) || Object.keys(errors ?? {}).some((key) => key.split(".")[0] === name),
  );
}

/** A section folded away until wanted: a plain <details>, so it opens without JavaScript too. */
function Fold({ summary, open, children }: { summary: ReactNode; open: boolean; children: ReactNode }) {
  return (
    <details className="log-fold" open={open || undefined}>
      <summary className="log-fold__summary">{summary}</summary>
      <div className="log-fold__body">{children}</div>
    </details>
  );
}

export function LogForm({ view }: { view: View }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const failed = actionData && !actionData.ok ? actionData : null;
  const defaults = defaultValuesFor(view);
  const startValues = failed?.values ? { ...defaults, ...failed.values } : defaults;
  const form = useSchemaForm(DailyLogSchema, {
    defaultValues: startValues,
    serverErrors: failed?.fieldErrors,
  });
  const errors: Record<string, string> | undefined = form.hydrated
    ? Object.fromEntries(Object.keys(form.formState.errors).map((k) => [k, "error"]))
    : failed?.fieldErrors;
  const sessionDone = form.hydrated ? form.watch("sessionDone") : undefined;
  const otherRows = form.defaultFor("otherActivities") ?? [];
  const when = view.isToday ? "today" : `on ${formatDate(view.date)}`;
  // Monitoring tests are done each morning, as the response to yesterday's session; other tests when they are done.
  const morningTests = view.tests.filter((t) => t.morning);
  const otherTests = view.tests.filter((t) => !t.morning);
  const knee = isKneeCondition(view.programCondition);
  const sessionHappened = sessionDone !== "none";
  // Without JavaScript the checklist can't appear on "some of them", so it is a fold the patient opens.
  const checklistOpen = startValues.sessionDone === "partial" || anyGiven({}, failed?.fieldErrors, ["exercises"]);
  const moreOpen = anyGiven(startValues, errors, ["sessionRpe", "sessionMinutes"]);
  const elseOpen = anyGiven(startValues, errors, ["otherActivities", ...(view.asksSwelling ? [] : ["swelling"])]);

  const checklist = (
    <div className="stack log-exercises">
      {view.exercises.map((exercise, i) => (
        <ExerciseRow key={exercise.id} form={form} index={i} exercise={exercise} involvedSide={view.involvedSide} />
      ))}
    </div>
  );
  const swellingField = (label: string) => (
    <SelectField
      form={form}
      name="swelling"
      label={label}
      hint={swellingHint(knee)}
      options={swellingOptions(knee)}
      placeholder="Choose…"
    />
  );

  return (
    <Page narrow>
      <PageHeader
        title={view.isToday ? "Log today" : `Log for ${formatDate(view.date)}`}
        lede={view.existing ? `You logged this day already: saving again updates it.` : view.stageName}
      />
      {failed && "stale" in failed && failed.stale ? (
        <Notice tone="warning">
          <p className="log-stale__message">{failed.formError}</p>
          <p className="small">
            Below is what you typed: saving now replaces the other save with it.{" "}
            <Link to={`/me/log?date=${view.date}`} reloadDocument>
              See what was saved instead
            </Link>
            .
          </p>
        </Notice>
      ) : (
        <FormError message={failed?.formError} />
      )}
      <Form
        method="post"
        className="form log-form"
        noValidate
        onSubmit={form.onSubmit}
        action={`/me/log?date=${view.date}`}
      >
        <input type="hidden" name="intent" value="log" />
        <input type="hidden" {...form.register("date")} defaultValue={view.date} />
        <input type="hidden" {...form.register("openedVersion")} defaultValue={String(startValues.openedVersion)} />

        <Card title="Morning check-in" className="log-section">
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

        <Card title="Exercises" className="log-section">
          <ChoiceField
            form={form}
            name="sessionDone"
            label={`Did you do your exercises ${when}?`}
            options={SESSION_OPTIONS}
          />
          {view.exercises.length === 0 ? null : !form.hydrated ? (
            <Fold summary="Only some? Say which" open={checklistOpen}>
              {checklist}
            </Fold>
          ) : sessionDone === "partial" ? (
            checklist
          ) : sessionDone === "done" ? (
            <p className="muted small log-all-done">
              {view.exercises.length === 1
                ? "Your exercise, at your dose."
                : `All ${view.exercises.length} exercises, at your dose.`}
            </p>
          ) : null}
          {sessionHappened ? (
            <>
              <ScoreScale form={form} name="painDuring" label="Pain during the session" zones={view.zones.during} />
              <ScoreScale
                form={form}
                name="painAfter"
                label="Pain after the session"
                zones={view.zones.after}
                hint="Blank if you don't know yet."
              />
              {view.run ? (
                <TextField
                  form={form}
                  name="runningMinutes"
                  label="Running minutes"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={600}
                />
              ) : null}
              <Fold summary="Effort and time (optional)" open={moreOpen}>
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
                  {view.run ? null : (
                    <TextField
                      form={form}
                      name="runningMinutes"
                      label="Running minutes"
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={600}
                    />
                  )}
                </div>
              </Fold>
            </>
          ) : null}
        </Card>

        {otherTests.length > 0 || view.asksSoreness || view.asksSwelling ? (
          <Card title="Your plan also asks" className="log-section">
            {otherTests.map((t) => (
              <ScoreScale
                key={t.name}
                form={form}
                name={`testPain.${t.name}`}
                label={`${t.label}: pain`}
                hint={`Only if you did this test ${when}.`}
              />
            ))}
            {view.asksSoreness ? (
              <SelectField
                form={form}
                name="soreness"
                label="Soreness"
                options={SORENESS_OPTIONS}
                placeholder="Choose…"
              />
            ) : null}
            {view.asksSwelling ? swellingField("Swelling") : null}
          </Card>
        ) : null}

        <Card className="log-section">
          <Fold
            summary={view.asksSwelling ? "Other activities (optional)" : "Other activities, swelling (optional)"}
            open={elseOpen}
          >
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
            {view.asksSwelling ? null : swellingField("Any swelling?")}
          </Fold>
          <TextAreaField form={form} name="notes" label="Notes for your physio (optional)" rows={2} />
        </Card>

        <Button type="submit" block disabled={navigation.state === "submitting"}>
          {navigation.state === "submitting" ? "Saving…" : view.existing ? "Save changes" : "Save log"}
        </Button>
      </Form>
    </Page>
  );
}
