import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { SelectField } from "~/components/forms/fields.tsx";
import { useSchemaForm } from "~/components/forms/use-schema-form.ts";
import { Button } from "~/components/ui/button.tsx";
import { Card, Notice } from "~/components/ui/layout.tsx";
import { REMINDER_TIMES, ReminderSettingsSchema } from "~/schemas/reminder-settings.ts";
import type { FieldErrors } from "~/utils/forms.ts";

type ActionData = { intent?: string; fieldErrors?: FieldErrors; values?: Record<string, unknown> } | undefined;

const OPTIONS = [
  ...REMINDER_TIMES.map((time) => ({ value: time, label: `At ${time} if I have not logged` })),
  { value: "off", label: "No reminder emails" },
];

/** The patient's reminder choice on /me/account: one email a day at their time, only when they have not logged. */
export function ReminderSettings({
  enabled,
  remindAt,
  timeZone,
}: {
  enabled: boolean;
  remindAt: string;
  timeZone: string;
}) {
  const actionData = useActionData() as ActionData;
  const ours = actionData?.intent === "reminders" ? actionData : undefined;
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const saving = navigation.state === "submitting" && navigation.formData?.get("intent") === "reminders";
  const form = useSchemaForm(ReminderSettingsSchema, {
    defaultValues: {
      intent: "reminders",
      remindAt: String(ours?.values?.remindAt ?? (enabled ? remindAt : "off")),
    },
    serverErrors: ours?.fieldErrors,
  });
  return (
    <Card title="Reminder emails" id="reminders">
      {params.get("reminders") === "saved" ? (
        <Notice tone="success">
          {enabled
            ? `Saved. If you have not logged by ${remindAt}, we email you once that day.`
            : "Saved. No reminder emails."}
        </Notice>
      ) : null}
      <p>
        {enabled
          ? `If you have not logged your day by ${remindAt}, we email you one reminder.`
          : "Reminder emails are off."}{" "}
        Times are in your time zone ({timeZone}). None are sent between 21:00 and 08:00.
      </p>
      <Form method="post" className="form" noValidate onSubmit={form.onSubmit}>
        <input type="hidden" {...form.register("intent")} value="reminders" />
        <SelectField form={form} name="remindAt" label="Remind me" options={OPTIONS} />
        <Button type="submit" disabled={saving}>
          {saving ? "Saving…" : "Save reminder choice"}
        </Button>
      </Form>
    </Card>
  );
}
