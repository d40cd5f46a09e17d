import { email, optionalIsoDate, requiredChoice, requiredText } from "~/utils/form-fields.ts";
import * as z from "~/utils/zod-mini.ts";

export const INVOLVED_SIDES = [
  { value: "left", label: "Left" },
  { value: "right", label: "Right" },
  { value: "both", label: "Both sides" },
  { value: "none", label: "Not side-specific" },
] as const;

export const NewPatientSchema = z.object({
  name: requiredText("the patient's name", 120),
  email: email(),
  timeZone: z.string({ error: "Choose the patient's time zone" }).check(
    z.minLength(1, "Choose the patient's time zone"),
    z.refine((tz: string) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "Choose a time zone from the list"),
  ),
  condition: requiredText("the condition", 200),
  involvedSide: requiredChoice(["left", "right", "both", "none"], "Choose the involved side"),
  injuryDate: optionalIsoDate("the injury date"),
  surgeryDate: optionalIsoDate("the surgery date"),
});

export type NewPatient = z.output<typeof NewPatientSchema>;

/** Editing a patient's details on their page: the same fields as adding them, checked the same way. */
export const PatientDetailsSchema = NewPatientSchema;
export type PatientDetails = z.output<typeof PatientDetailsSchema>;
