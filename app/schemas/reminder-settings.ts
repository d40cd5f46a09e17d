import { requiredChoice } from "~/utils/form-fields.ts";
import * as z from "~/utils/zod-mini.ts";

// The reminder section of the patient's account page: one choice, "off" or the local time of the daily reminder.
// Times run from 08:00 to 20:30 in half hours: reminders are never sent in our quiet hours (21:00–08:00 local,
// docs/decisions/050-reminder-sweep.md), so a later choice could never be kept.

export const REMINDER_TIMES = Array.from({ length: 26 }, (_, i) => {
  const minutes = 8 * 60 + i * 30;
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${minutes % 60 === 0 ? "00" : "30"}`;
}) as [string, ...string[]];

export const DEFAULT_REMINDER_TIME = "19:00";

export const REMINDER_CHOICES = ["off", ...REMINDER_TIMES] as const as readonly [string, ...string[]];

export const ReminderSettingsSchema = z.object({
  intent: z.literal("reminders"),
  remindAt: requiredChoice(REMINDER_CHOICES, "Choose a time between 08:00 and 20:30, or no reminders"),
});
