import { Form } from "@remix-run/react";
import { failureFor, useBusy, type PlanActionResult } from "~/components/clinic/plan-forms.tsx";
import { HiddenField, TextAreaField } from "~/components/forms/fields.tsx";
import { FormError } from "~/components/forms/form-error.tsx";
import { useSchemaForm } from "~/components/forms/use-schema-form.ts";
import { Button } from "~/components/ui/button.tsx";
import { FlagReviewSchema } from "~/schemas/patient-notes-flags.ts";
import { formatDate } from "~/utils/dates.ts";
import type { PlanRecord } from "./plan-section.tsx";

/**
 * Under the latest recommendation's flags: "Mark flags reviewed" with an optional note, or who reviewed them. A
 * reviewed patient leaves "needs you" on triage until something new happens (a new or changed flag; a new log while a
 * red flag stands).
 */
export function FlagsReview({ review, result }: { review: PlanRecord["flagReview"]; result?: PlanActionResult }) {
  const failed = failureFor(result, "review-flags");
  const busy = useBusy("review-flags");
  const { pending, latest } = review;
  if (!pending)
    return latest ? (
      <p className="clinic-flag-review small" role="status">
        Last reviewed by {latest.by ?? "a clinician"} on {formatDate(latest.at)}
        {latest.note ? `: “${latest.note}”` : "."}
      </p>
    ) : null;
  const flags = pending.flags === 0 ? null : pending.flags === 1 ? "the flag" : `${pending.flags} flags`;
  const what = [pending.regression ? "the regression" : null, flags].filter(Boolean).join(" and ");
  return <ReviewForm decisionId={pending.decisionId} what={what} failed={failed} busy={busy} />;
}

function ReviewForm({
  decisionId,
  what,
  failed,
  busy,
}: {
  decisionId: string;
  /** "the flag", "3 flags", "the regression". */
  what: string;
  failed: ReturnType<typeof failureFor>;
  busy: boolean;
}) {
  const form = useSchemaForm(FlagReviewSchema, {
    defaultValues: { decisionId, reviewNote: "", ...(failed?.values ?? {}) },
    serverErrors: failed?.fieldErrors,
  });
  return (
    <Form method="post" className="form clinic-flag-review" noValidate onSubmit={form.onSubmit}>
      <input type="hidden" name="intent" value="review-flags" />
      <HiddenField form={form} name="decisionId" />
      <FormError message={failed?.formError} />
      <TextAreaField form={form} name="reviewNote" label="Your note (optional)" rows={2} />
      <div>
        <Button type="submit" variant="secondary" size="small" disabled={busy}>
          Mark {what} reviewed
        </Button>
      </div>
    </Form>
  );
}
