import type {
  CodeableConcept,
  Communication,
  FhirResource,
  Observation,
  ObservationComponent,
  Reference,
} from "fhir/r4";
import type { Program } from "~/engine/index.ts";
import { LOINC_EXERCISE_DURATION, LOINC_PAIN_SCORE, stagewiseCoding, ucum, type StagewiseCode } from "./fhir-codes.ts";
import { fhirUuid } from "./fhir-ids.ts";
import { exerciseName, type PatientRecord } from "./record.ts";

type DailyLog = PatientRecord["logs"][number];
type Context = {
  patient: Reference;
  clinician: Reference | null;
  plan: Reference;
  program: Program | undefined;
  ownExercises?: Record<string, string> | undefined;
};

const SURVEY = {
  coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "survey", display: "Survey" }],
};
const ACTIVITY = {
  coding: [
    { system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "activity", display: "Activity" },
  ],
};

const PAINS: Array<[keyof DailyLog, StagewiseCode]> = [
  ["morningPain", "pain-on-waking"],
  ["painDuring", "pain-during-exercise"],
  ["painAfter", "pain-after-exercise"],
  ["painAtRest", "pain-at-rest"],
];

const words = (id: string) => id.replace(/[_-]+/g, " ");
const text = (value: string): CodeableConcept => ({ text: value });

/** Every fact of one daily log as FHIR resources: one Observation per value, the note to the physio a Communication. */
export function dailyLogResources(log: DailyLog, ctx: Context): Array<FhirResource & { id: string }> {
  const key = (fact: string) => fhirUuid(`${log.planId}/${log.date}/${fact}`);
  const observation = (fact: string, fields: Omit<Observation, "resourceType" | "id" | "status" | "subject">) =>
    ({
      resourceType: "Observation",
      id: key(fact),
      status: "final",
      subject: ctx.patient,
      basedOn: [ctx.plan],
      effectiveDateTime: log.date,
      ...fields,
    }) satisfies Observation;
  const out: Array<FhirResource & { id: string }> = [];

  for (const [field, code] of PAINS) {
    const value = log[field];
    if (typeof value !== "number") continue;
    out.push(
      observation(code, {
        category: [SURVEY],
        code: { coding: [stagewiseCoding(code), LOINC_PAIN_SCORE], text: stagewiseCoding(code).display },
        valueInteger: Math.round(value),
      }),
    );
  }
  for (const [test, value] of Object.entries(log.testPain)) {
    out.push(
      observation(`pain-on-test/${test}`, {
        category: [SURVEY],
        code: { coding: [stagewiseCoding("pain-on-test"), LOINC_PAIN_SCORE], text: `Pain on ${words(test)} (0-10)` },
        method: text(words(test)),
        valueInteger: Math.round(value),
      }),
    );
  }
  if (log.morningStiffness !== null)
    out.push(
      observation("stiffness-on-waking", {
        category: [SURVEY],
        code: { coding: [stagewiseCoding("stiffness-on-waking")], text: "Stiffness on waking (0-10)" },
        valueInteger: Math.round(log.morningStiffness),
      }),
    );
  out.push(
    observation("session-completion", {
      category: [ACTIVITY],
      code: { coding: [stagewiseCoding("session-completion")], text: "Session done" },
      valueCodeableConcept: text(log.sessionDone),
    }),
  );
  if (log.sessionMinutes !== null)
    out.push(
      observation("session-duration", {
        category: [ACTIVITY],
        code: { coding: [LOINC_EXERCISE_DURATION], text: "Session minutes" },
        valueQuantity: ucum(log.sessionMinutes, "min"),
      }),
    );
  if (log.sessionRpe !== null)
    out.push(
      observation("session-effort", {
        category: [SURVEY],
        code: { coding: [stagewiseCoding("session-effort")], text: "Session effort (RPE 0-10)" },
        valueInteger: Math.round(log.sessionRpe),
      }),
    );
  if (log.runningMinutes !== null)
    out.push(
      observation("running-duration", {
        category: [ACTIVITY],
        code: { coding: [stagewiseCoding("running-duration")], text: "Running minutes" },
        valueQuantity: ucum(log.runningMinutes, "min"),
      }),
    );
  if (log.swelling)
    out.push(
      observation("joint-swelling", {
        category: [SURVEY],
        code: { coding: [stagewiseCoding("joint-swelling")], text: "Swelling (stroke test grade)" },
        valueCodeableConcept: text(log.swelling),
      }),
    );
  if (log.soreness)
    out.push(
      observation("exercise-soreness", {
        category: [SURVEY],
        code: { coding: [stagewiseCoding("exercise-soreness")], text: "Soreness after exercise" },
        valueCodeableConcept: text(words(log.soreness)),
      }),
    );
  for (const exercise of log.exercises) {
    const components: ObservationComponent[] = [];
    if (typeof exercise.sets === "number")
      components.push({ code: text("sets"), valueQuantity: ucum(exercise.sets, "{sets}", "sets") });
    if (typeof exercise.reps === "number")
      components.push({ code: text("reps"), valueQuantity: ucum(exercise.reps, "{repetitions}", "repetitions") });
    if (typeof exercise.loadKg === "number")
      components.push({ code: text("extra load"), valueQuantity: ucum(exercise.loadKg, "kg") });
    out.push(
      observation(`exercise/${exercise.exerciseId}`, {
        category: [ACTIVITY],
        code: {
          coding: [stagewiseCoding("exercise-performed")],
          text: exerciseName(ctx.program, exercise.exerciseId, ctx.ownExercises),
        },
        valueCodeableConcept: text(exercise.status),
        ...(components.length ? { component: components } : {}),
      }),
    );
  }
  for (const [i, activity] of log.otherActivities.entries()) {
    out.push(
      observation(`other-activity/${i}`, {
        category: [ACTIVITY],
        code: { coding: [stagewiseCoding("other-activity")], text: activity.label },
        valueQuantity: ucum(activity.minutes, "min"),
        component: [{ code: text("effort (RPE 0-10)"), valueInteger: activity.rpe }],
      }),
    );
  }
  if (log.notes) {
    const note = {
      resourceType: "Communication",
      id: key("note"),
      status: "completed",
      subject: ctx.patient,
      basedOn: [ctx.plan],
      sender: ctx.patient,
      ...(ctx.clinician ? { recipient: [ctx.clinician] } : {}),
      sent: log.date,
      payload: [{ contentString: log.notes }],
    } satisfies Communication;
    out.push(note);
  }
  return out;
}
