import { ChoiceField, TextField } from "~/components/forms/fields.tsx";
import type { SchemaFormOf } from "~/components/forms/use-schema-form.ts";
import { doseParts } from "~/components/patient/dose.ts";
import type { DailyLogSchema } from "~/schemas/daily-log.ts";
import type { LogFormView } from "./log-form.tsx";
import { EXERCISE_OPTIONS } from "./log-options.ts";

/**
 * One prescribed exercise on the "some of them" checklist: done / partly / not, starting unanswered. What was actually
 * done (sets, reps, extra kg, starting from the patient's dose) is asked only for "partly"; without JavaScript the
 * numbers are always there, since nothing can reveal them.
 */
export function ExerciseRow({
  form,
  index,
  exercise,
  involvedSide,
}: {
  form: SchemaFormOf<typeof DailyLogSchema>;
  index: number;
  exercise: LogFormView["exercises"][number];
  involvedSide: string;
}) {
  const base = `exercises.${index}` as const;
  const status = form.hydrated ? form.watch(`${base}.status`) : undefined;
  const askNumbers = !form.hydrated || status === "partial";
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
      {askNumbers ? (
        <div className="grid-numbers grid-numbers--3">
          <TextField
            form={form}
            name={`${base}.sets`}
            label="Sets"
            type="number"
            inputMode="numeric"
            min={0}
            max={50}
          />
          <TextField
            form={form}
            name={`${base}.reps`}
            label="Reps"
            type="number"
            inputMode="numeric"
            min={0}
            max={500}
          />
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
      ) : null}
    </fieldset>
  );
}
